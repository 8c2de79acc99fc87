/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Gait analysis on a foot-mounted IMU: step detection, gait-cycle features and a
 * small fixed-point classifier. Relocated to the QSPI XIP window as a whole object.
 */
#ifndef GAIT_ANALYSIS_H
#define GAIT_ANALYSIS_H

#include <stdint.h>

/* One accelerometer sample in milli-g, 104 Hz. */
struct imu_sample {
	int16_t ax;
	int16_t ay;
	int16_t az;
};

enum gait_class {
	GAIT_HEALTHY,
	GAIT_PARKINSONIAN, /* short shuffling steps */
	GAIT_ANTALGIC,     /* limping, short stance on one side */
	GAIT_RUNNING,
	GAIT_CLASS_COUNT,
};

struct gait_result {
	uint16_t cadence_spm;       /* steps per minute */
	uint16_t stride_ms;         /* mean stride time */
	uint16_t stride_cv_permil;  /* stride-time variability, per mille */
	uint16_t symmetry_permil;   /* left/right step-time ratio, per mille */
	enum gait_class cls;
	uint8_t confidence_pct;
};

void gait_reset(void);
/* Returns 1 when a stride completed and *out was updated, else 0. */
int gait_feed(const struct imu_sample *s, struct gait_result *out);
const char *gait_class_name(enum gait_class cls);

#endif
