#ifndef PIPETOP_CRDKAFKA_SHIM_H
#define PIPETOP_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>

/*
 * What Swift cannot import from rdkafka.h, as static inline functions: macros with casts or
 * arguments, and the variadic rd_kafka_producev. pipetop builds against Debian's headers
 * (librdkafka 2.0) and may run with a newer library (2.16 for the test broker); everything
 * here is part of the stable C ABI of both.
 */

/** RD_KAFKA_PARTITION_UA: let the partitioner choose (by key). */
static inline int32_t pipetop_partition_ua(void) { return RD_KAFKA_PARTITION_UA; }

/** RD_KAFKA_OFFSET_BEGINNING: the oldest retained record. */
static inline int64_t pipetop_offset_beginning(void) { return RD_KAFKA_OFFSET_BEGINNING; }

/** RD_KAFKA_OFFSET_END: only records produced from now on. */
static inline int64_t pipetop_offset_end(void) { return RD_KAFKA_OFFSET_END; }

/** RD_KAFKA_OFFSET_STORED: the committed offset of the consumer's group. */
static inline int64_t pipetop_offset_stored(void) { return RD_KAFKA_OFFSET_STORED; }

/** RD_KAFKA_OFFSET_INVALID: no offset (e.g. nothing consumed yet). */
static inline int64_t pipetop_offset_invalid(void) { return RD_KAFKA_OFFSET_INVALID; }

/** RD_KAFKA_OFFSET_TAIL(count): the last `count` records of a partition. */
static inline int64_t pipetop_offset_tail(int64_t count) { return RD_KAFKA_OFFSET_TAIL(count); }

/** RD_KAFKA_MSG_F_COPY: librdkafka copies the payload, so the caller's buffer may be reused. */
static inline int pipetop_msg_f_copy(void) { return RD_KAFKA_MSG_F_COPY; }

/**
 * rd_kafka_producev with a topic name, partition, key, value, headers (NULL for none) and
 * per-message opaque (handed back in the delivery report's _private). `value` NULL produces a
 * null value (a tombstone), a non-NULL `value` with `len` 0 an empty one. Payloads are copied
 * (RD_KAFKA_MSG_F_COPY). librdkafka owns `headers` once this returns
 * RD_KAFKA_RESP_ERR_NO_ERROR; on any error they are still the caller's to destroy.
 */
static inline rd_kafka_resp_err_t pipetop_producev(
    rd_kafka_t *rk, const char *topic, int32_t partition,
    const void *key, size_t key_len, const void *value, size_t len, rd_kafka_headers_t *headers, void *opaque) {
    return rd_kafka_producev(
        rk,
        RD_KAFKA_V_TOPIC(topic),
        RD_KAFKA_V_PARTITION(partition),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key, key_len),
        RD_KAFKA_V_VALUE((void *)value, len),
        RD_KAFKA_V_HEADERS(headers),
        RD_KAFKA_V_OPAQUE(opaque),
        RD_KAFKA_V_END);
}

#endif
