/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The int8-quantised vibration-anomaly model (three dense layers, 768-512-224-8),
 * embedded as a TensorFlow Lite flatbuffer the way `xxd -i model.tflite` does. At
 * about 500 KiB it is what pushes the image past its partition. Only the flatbuffer
 * header is spelled out; the tensor bytes after it are left zero, since the sample
 * reproduces the layout, not the model's accuracy. The length is that of the
 * exported model file.
 */
#include "model.h"

#define MODEL_TFLITE_LEN 512372u

__attribute__((aligned(16))) const unsigned char g_model_tflite[MODEL_TFLITE_LEN] = {
	/* root table offset, file identifier "TFL3" */
	0x1c, 0x00, 0x00, 0x00, 0x54, 0x46, 0x4c, 0x33,
	/* vtable: 7 fields */
	0x14, 0x00, 0x20, 0x00, 0x1c, 0x00, 0x18, 0x00, 0x14, 0x00, 0x10, 0x00,
	0x0c, 0x00, 0x00, 0x00, 0x08, 0x00, 0x04, 0x00,
	/* schema version 3 */
	0x14, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
	[MODEL_TFLITE_LEN - 1] = 0x00,
};

const unsigned int g_model_tflite_len = MODEL_TFLITE_LEN;
