#ifndef PIPETOP_CCURL_H
#define PIPETOP_CCURL_H
#include <curl/curl.h>

/*
 * libcurl for the Schema Registry client, loaded with dlopen the first time a client makes a
 * request: linking it would map libcurl and its dependencies (OpenSSL, Kerberos, LDAP,
 * nghttp2: about 4 MB resident) into every pipetop process, registry or not. Only
 * libcurl's types and constants come from its header; every call goes through these
 * wrappers (curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call:
 * one typed wrapper per argument kind pipetop passes).
 */

/** Loads libcurl and runs curl_global_init once; CURLE_OK, or CURLE_FAILED_INIT with
 *  `pipetop_curl_load_error` saying why (no libcurl.so.4, a missing symbol). */
CURLcode pipetop_curl_load(void);
const char *pipetop_curl_load_error(void);

/** CURLAUTH_BASIC, a macro with a cast. */
long pipetop_curl_auth_basic(void);

typedef size_t (*pipetop_curl_write_fn)(char *data, size_t size, size_t count, void *context);

CURL *pipetop_curl_easy_init(void);
void pipetop_curl_easy_cleanup(CURL *curl);
CURLcode pipetop_curl_easy_perform(CURL *curl);
const char *pipetop_curl_easy_strerror(CURLcode code);
struct curl_slist *pipetop_curl_slist_append(struct curl_slist *list, const char *text);
void pipetop_curl_slist_free_all(struct curl_slist *list);
CURLcode pipetop_curl_setopt_long(CURL *curl, CURLoption option, long value);
CURLcode pipetop_curl_setopt_string(CURL *curl, CURLoption option, const char *value);
CURLcode pipetop_curl_setopt_pointer(CURL *curl, CURLoption option, void *value);
CURLcode pipetop_curl_setopt_write_function(CURL *curl, pipetop_curl_write_fn function);
CURLcode pipetop_curl_getinfo_long(CURL *curl, CURLINFO info, long *value);

#endif
