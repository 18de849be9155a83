#include "ccurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static CURLcode loaded = CURLE_FAILED_INIT;
static char load_error[512] = "libcurl not loaded";

static CURLcode (*p_global_init)(long);
static CURL *(*p_easy_init)(void);
static void (*p_easy_cleanup)(CURL *);
static CURLcode (*p_easy_perform)(CURL *);
static const char *(*p_easy_strerror)(CURLcode);
static struct curl_slist *(*p_slist_append)(struct curl_slist *, const char *);
static void (*p_slist_free_all)(struct curl_slist *);
static CURLcode (*p_easy_setopt)(CURL *, CURLoption, ...);
static CURLcode (*p_easy_getinfo)(CURL *, CURLINFO, ...);

#define LOOKUP(handle, name, target)                                                   \
    do {                                                                               \
        *(void **)(&target) = dlsym(handle, name);                                     \
        if (!target) {                                                                 \
            snprintf(load_error, sizeof load_error, "libcurl has no %s", name);        \
            return;                                                                    \
        }                                                                              \
    } while (0)

static void load(void) {
    void *handle = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        snprintf(load_error, sizeof load_error, "cannot load libcurl.so.4: %s", why ? why : "unknown error");
        return;
    }
    LOOKUP(handle, "curl_global_init", p_global_init);
    LOOKUP(handle, "curl_easy_init", p_easy_init);
    LOOKUP(handle, "curl_easy_cleanup", p_easy_cleanup);
    LOOKUP(handle, "curl_easy_perform", p_easy_perform);
    LOOKUP(handle, "curl_easy_strerror", p_easy_strerror);
    LOOKUP(handle, "curl_slist_append", p_slist_append);
    LOOKUP(handle, "curl_slist_free_all", p_slist_free_all);
    LOOKUP(handle, "curl_easy_setopt", p_easy_setopt);
    LOOKUP(handle, "curl_easy_getinfo", p_easy_getinfo);
    loaded = p_global_init(CURL_GLOBAL_DEFAULT);
    if (loaded != CURLE_OK) snprintf(load_error, sizeof load_error, "curl_global_init failed (%d)", (int)loaded);
}

CURLcode pipetop_curl_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *pipetop_curl_load_error(void) { return load_error; }

long pipetop_curl_auth_basic(void) { return (long)CURLAUTH_BASIC; }

/* The wrappers below are called only after pipetop_curl_load() returned CURLE_OK. */
CURL *pipetop_curl_easy_init(void) { return p_easy_init(); }
void pipetop_curl_easy_cleanup(CURL *curl) { p_easy_cleanup(curl); }
CURLcode pipetop_curl_easy_perform(CURL *curl) { return p_easy_perform(curl); }
const char *pipetop_curl_easy_strerror(CURLcode code) { return p_easy_strerror(code); }
struct curl_slist *pipetop_curl_slist_append(struct curl_slist *list, const char *text) { return p_slist_append(list, text); }
void pipetop_curl_slist_free_all(struct curl_slist *list) { p_slist_free_all(list); }

CURLcode pipetop_curl_setopt_long(CURL *curl, CURLoption option, long value) { return p_easy_setopt(curl, option, value); }
CURLcode pipetop_curl_setopt_string(CURL *curl, CURLoption option, const char *value) { return p_easy_setopt(curl, option, value); }
CURLcode pipetop_curl_setopt_pointer(CURL *curl, CURLoption option, void *value) { return p_easy_setopt(curl, option, value); }
CURLcode pipetop_curl_setopt_write_function(CURL *curl, pipetop_curl_write_fn function) {
    return p_easy_setopt(curl, CURLOPT_WRITEFUNCTION, function);
}
CURLcode pipetop_curl_getinfo_long(CURL *curl, CURLINFO info, long *value) { return p_easy_getinfo(curl, info, value); }
