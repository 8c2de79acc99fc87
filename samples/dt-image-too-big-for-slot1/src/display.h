/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Drawing on the e-paper panel.
 */
#ifndef DISPLAY_H
#define DISPLAY_H

#include "assets.h"

#define DISPLAY_WIDTH 800
#define DISPLAY_HEIGHT 480

void display_clear(void);
void display_draw(enum asset_id id, unsigned int x, unsigned int y);
void display_refresh(void);

#endif
