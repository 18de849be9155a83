#ifndef PIPETOP_CCURL_SHIM_H
#define PIPETOP_CCURL_SHIM_H
#include <curl/curl.h>

/*
 * curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
 * wrapper per argument kind pipetop passes. Only the Schema Registry client uses libcurl.
 */

/** curl_global_init(CURL_GLOBAL_DEFAULT): once per process, before any handle. */
static inline CURLcode pipetop_curl_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

/** CURLAUTH_BASIC, a macro with a cast. */
static inline long pipetop_curl_auth_basic(void) { return (long)CURLAUTH_BASIC; }

typedef size_t (*pipetop_curl_write_fn)(char *data, size_t size, size_t count, void *context);

static inline CURLcode pipetop_curl_setopt_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode pipetop_curl_setopt_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode pipetop_curl_setopt_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode pipetop_curl_setopt_write_function(CURL *curl, pipetop_curl_write_fn function) {
    return curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, function);
}

static inline CURLcode pipetop_curl_getinfo_long(CURL *curl, CURLINFO info, long *value) {
    return curl_easy_getinfo(curl, info, value);
}

#endif
