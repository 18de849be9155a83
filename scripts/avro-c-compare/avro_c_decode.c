/*
 * avro-c (Debian's libavro-dev) decoding the same datums as `pipetop-bench avro FILE`:
 * the generic value API, one value reused for every record, then avro_value_to_json.
 *
 *   avro_c_decode SCHEMA.json DATA.bin     DATA: 4-byte little-endian length, datum, repeated
 *   avro_c_decode SCHEMA.json -            one datum on stdin (for the hostile-input probes)
 *
 * Prints records/s for decode alone and decode + JSON (CPU time of this process).
 */
#include <avro.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *slurp(FILE *f, size_t *len) {
    size_t cap = 1 << 20, n = 0, r;
    char *buf = malloc(cap);
    while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    *len = n;
    return buf;
}

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SCHEMA.json DATA.bin|-\n", argv[0]);
        return 64;
    }
    size_t schema_len, data_len;
    FILE *sf = fopen(argv[1], "rb");
    FILE *df = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "rb");
    if (!sf || !df) { perror("open"); return 1; }
    char *schema_text = slurp(sf, &schema_len);
    char *data = slurp(df, &data_len);

    avro_schema_t schema;
    if (avro_schema_from_json_length(schema_text, schema_len, &schema)) {
        fprintf(stderr, "schema: %s\n", avro_strerror());
        return 1;
    }
    avro_value_iface_t *iface = avro_generic_class_from_schema(schema);
    avro_value_t value;
    avro_generic_value_new(iface, &value);
    avro_reader_t reader = avro_reader_memory(data, 0);

    if (strcmp(argv[2], "-") == 0) {  /* one datum: print its JSON or the error */
        avro_reader_memory_set_source(reader, data, (int64_t)data_len);
        if (avro_value_read(reader, &value)) { printf("read error: %s\n", avro_strerror()); return 2; }
        printf("read ok; ");
        fflush(stdout);
        char *json;
        if (avro_value_to_json(&value, 1, &json)) { printf("to_json error: %s\n", avro_strerror()); return 3; }
        printf("%s\n", json);
        free(json);
        return 0;
    }

    for (int with_json = 0; with_json < 2; with_json++) {
        size_t at = 0, records = 0, failed = 0, json_bytes = 0;
        double start = cpu_seconds();
        while (at + 4 <= data_len) {
            const unsigned char *p = (const unsigned char *)data + at;
            size_t n = p[0] | p[1] << 8 | p[2] << 16 | (size_t)p[3] << 24;
            avro_reader_memory_set_source(reader, data + at + 4, (int64_t)n);
            avro_value_reset(&value);
            if (avro_value_read(reader, &value)) {
                failed++;
            } else if (with_json) {
                char *json;
                if (avro_value_to_json(&value, 1, &json)) {
                    failed++;
                } else {
                    json_bytes += strlen(json);
                    free(json);
                }
            }
            records++;
            at += 4 + n;
        }
        double seconds = cpu_seconds() - start;
        printf("avro-c decode%s %.0f records/s (%zu records, %zu failed%s)\n", with_json ? " + JSON:" : ":       ",
               records / seconds, records, failed, with_json ? "" : ", no JSON");
        if (with_json) printf("  %.0f JSON bytes each\n", (double)json_bytes / records);
    }
    avro_reader_free(reader);
    avro_value_decref(&value);
    avro_value_iface_decref(iface);
    avro_schema_decref(schema);
    return 0;
}
