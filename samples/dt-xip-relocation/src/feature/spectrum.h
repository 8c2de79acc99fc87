/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Band energies of a window of samples (Goertzel filters), executed in place
 * from the QSPI flash.
 */
#ifndef SPECTRUM_H
#define SPECTRUM_H

#include <stdint.h>

#define SPECTRUM_WINDOW 256

/* Index of the band with the most energy in samples[0..n). */
uint32_t spectrum_peak_band(const int16_t *samples, uint32_t n);
/* The band's name ("40-60 Hz"). */
const char *spectrum_band_name(uint32_t band);

#endif
