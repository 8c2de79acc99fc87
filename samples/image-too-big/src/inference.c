/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Minimal int8 inference over the embedded model: checks the flatbuffer identifier
 * and version, then runs the dense layers with ReLU, reading weights straight from
 * flash. Tensor offsets are those of the exported model.
 */
#include <stdint.h>
#include <string.h>

#include <zephyr/kernel.h>

#include "model.h"

#define L1_IN MODEL_INPUT_LEN
#define L1_OUT 512
#define L2_OUT 224
#define L3_OUT MODEL_CLASS_COUNT

/* Byte offsets of the weight and bias buffers inside the flatbuffer. */
#define L1_W_OFF 0x00400u
#define L1_B_OFF (L1_W_OFF + L1_IN * L1_OUT)
#define L2_W_OFF (L1_B_OFF + 4u * L1_OUT)
#define L2_B_OFF (L2_W_OFF + L1_OUT * L2_OUT)
#define L3_W_OFF (L2_B_OFF + 4u * L2_OUT)
#define L3_B_OFF (L3_W_OFF + L2_OUT * L3_OUT)

static const char *const labels[MODEL_CLASS_COUNT] = {
	"healthy",       "imbalance",   "misalignment", "bearing outer race",
	"bearing inner race", "looseness", "belt wear",    "cavitation",
};

static int8_t act1[L1_OUT];
static int8_t act2[L2_OUT];
static int32_t logits[L3_OUT];

static int32_t load_bias(uint32_t off, unsigned int i)
{
	int32_t b;

	memcpy(&b, &g_model_tflite[off + 4u * i], sizeof(b));
	return b;
}

static void dense_relu(const int8_t *in, unsigned int n_in, int8_t *out, unsigned int n_out,
		       uint32_t w_off, uint32_t b_off)
{
	const int8_t *w = (const int8_t *)&g_model_tflite[w_off];

	for (unsigned int o = 0; o < n_out; o++) {
		int32_t acc = load_bias(b_off, o);

		for (unsigned int i = 0; i < n_in; i++) {
			acc += (int32_t)w[o * n_in + i] * in[i];
		}
		acc >>= 7; /* requantise */
		out[o] = (int8_t)(acc < 0 ? 0 : acc > 127 ? 127 : acc);
	}
}

int model_init(void)
{
	if (g_model_tflite_len < L3_B_OFF + 4u * L3_OUT ||
	    memcmp(&g_model_tflite[4], "TFL3", 4) != 0) {
		printk("model: not a TFLite flatbuffer (len %u)\n", g_model_tflite_len);
		return -1;
	}
	printk("model: %u bytes, schema v%u\n", g_model_tflite_len,
	       (unsigned int)g_model_tflite[32]);
	return 0;
}

int model_run(const int8_t input[MODEL_INPUT_LEN], struct inference_result *out)
{
	dense_relu(input, L1_IN, act1, L1_OUT, L1_W_OFF, L1_B_OFF);
	dense_relu(act1, L1_OUT, act2, L2_OUT, L2_W_OFF, L2_B_OFF);

	const int8_t *w = (const int8_t *)&g_model_tflite[L3_W_OFF];
	int32_t best = INT32_MIN;
	int32_t sum = 0;

	for (unsigned int o = 0; o < L3_OUT; o++) {
		int32_t acc = load_bias(L3_B_OFF, o);

		for (unsigned int i = 0; i < L2_OUT; i++) {
			acc += (int32_t)w[o * L2_OUT + i] * act2[i];
		}
		logits[o] = acc;
		sum += acc > 0 ? acc : 0;
		if (acc > best) {
			best = acc;
			out->label = (uint8_t)o;
		}
	}
	out->score = (uint8_t)(sum > 0 && best > 0 ? (best * 255) / sum : 0);
	out->anomaly = logits[0] - best;
	return 0;
}

const char *model_label(uint8_t label)
{
	return label < MODEL_CLASS_COUNT ? labels[label] : "?";
}
