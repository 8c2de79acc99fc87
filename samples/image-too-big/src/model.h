/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The embedded vibration-anomaly model and the inference entry points.
 */
#ifndef MODEL_H
#define MODEL_H

#include <stdint.h>

#define MODEL_INPUT_LEN 768  /* 256 FFT bins x 3 axes */
#define MODEL_CLASS_COUNT 8

/* TensorFlow Lite flatbuffer, embedded as with `xxd -i model.tflite`. */
extern const unsigned char g_model_tflite[];
extern const unsigned int g_model_tflite_len;

struct inference_result {
	uint8_t label;
	uint8_t score;  /* 0..255 */
	int32_t anomaly; /* distance from the nearest healthy cluster */
};

int model_init(void);
int model_run(const int8_t input[MODEL_INPUT_LEN], struct inference_result *out);
const char *model_label(uint8_t label);

#endif
