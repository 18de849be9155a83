#ifndef PIPETOP_CRDKAFKA_SHIM_H
#define PIPETOP_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#endif
