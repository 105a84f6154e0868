// OpenBLAS's CBLAS interface (sgemm and friends) and its thread-count controls.
#include <cblas.h>
