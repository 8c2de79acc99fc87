#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Generates a large Zephyr-like firmware (a few hundred C files in Zephyr-style
# static libraries, ~25,000 functions), builds it with arm-none-eabi-gcc and links
# it with GNU ld into <out>/zephyr/zephyr.{elf,map}: the input of bench/run.sh.
# Benchmark input only: nothing here is used by the tests.

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

GENERATOR_VERSION = 1

CC = "arm-none-eabi-gcc"
AR = "arm-none-eabi-ar"
CPU_FLAGS = ["-mcpu=cortex-m4", "-mthumb", "-mabi=aapcs", "-mfloat-abi=soft"]
CFLAGS = CPU_FLAGS + [
    "-Os", "-g", "-gdwarf-4", "-std=c11", "-ffreestanding", "-fno-common",
    "-ffunction-sections", "-fdata-sections", "-fno-strict-aliasing",
    "-fno-pic", "-fno-asynchronous-unwind-tables", "-Wall", "-Wno-unused-function",
    "-Wno-unused-variable", "-Wno-unused-but-set-variable",
]

FLASH_BASE = 0x00000000
FLASH_SIZE = 0x00800000          # 8 MiB: a large XIP-style part
CODE_PARTITION_SIZE = 0x007e0000
SRAM_BASE = 0x20000000
SRAM_SIZE = 0x00100000           # 1 MiB

# (archive, whole archive?, symbol prefix, source dir, init level, dead fraction,
#  weight, file stems). Archive paths follow Zephyr's CMake naming.
LIBS = [
    ("app/libapp.a", True, "app_", "app/src", "APPLICATION", 0.04, 3,
     "main_loop sensor_pipeline cloud_sync ui_state_machine power_policy battery_gauge "
     "fota_client button_handler led_patterns provisioning_flow telemetry_encoder "
     "config_store diagnostics_report location_tracker"),
    ("zephyr/libzephyr.a", True, "sys_", "zephyr/lib/os", "PRE_KERNEL_1", 0.30, 4,
     "cbprintf_complete cbprintf_packaged heap heap_validate ring_buffer crc32_sw crc16_sw "
     "crc8_sw json onoff notify rb timeutil hex fdtable mpsc_pbuf spsc_pbuf base64 sem "
     "bitarray winstream mem_blocks multi_heap reboot assert thread_entry dec utf8 "
     "last_section_id printk"),
    ("zephyr/arch/arch/arm/core/cortex_m/libarch__arm__core__cortex_m.a", True, "z_arm_",
     "zephyr/arch/arm/core/cortex_m", "PRE_KERNEL_1", 0.10, 1,
     "fault irq_manage thread scb mpu_regions prep_c cpu_idle swap exc_exit "
     "irq_init fpu timing"),
    ("zephyr/soc/soc/fwbench_m4/libsoc__fwbench.a", True, "soc_", "soc/vendor/fwbench_m4",
     "PRE_KERNEL_1", 0.20, 1, "soc_core power_control clock_tree reset_reason pinmux_table"),
    ("zephyr/drivers/clock_control/libdrivers__clock_control.a", True, "clock_control_",
     "zephyr/drivers/clock_control", "PRE_KERNEL_1", 0.30, 1,
     "clock_control_hfclk clock_control_lfclk clock_control_calibration"),
    ("zephyr/drivers/flash/libdrivers__flash.a", True, "flash_", "zephyr/drivers/flash",
     "POST_KERNEL", 0.30, 2,
     "soc_flash_controller spi_nor qspi_nor_xip flash_page_layout flash_util "
     "flash_simulator jesd216 flash_shell"),
    ("zephyr/drivers/serial/libdrivers__serial.a", True, "uart_", "zephyr/drivers/serial",
     "PRE_KERNEL_1", 0.30, 1, "uart_async_to_irq uart_controller_dma uart_console_backend "
     "uart_line_ctrl"),
    ("zephyr/drivers/gpio/libdrivers__gpio.a", True, "gpio_", "zephyr/drivers/gpio",
     "PRE_KERNEL_1", 0.30, 1, "gpio_controller gpio_shell gpio_port_expander gpio_utils"),
    ("zephyr/drivers/i2c/libdrivers__i2c.a", True, "i2c_", "zephyr/drivers/i2c",
     "POST_KERNEL", 0.30, 1, "i2c_controller_twim i2c_common i2c_shell i2c_bitbang "
     "i2c_rtio_target"),
    ("zephyr/drivers/spi/libdrivers__spi.a", True, "spi_", "zephyr/drivers/spi",
     "POST_KERNEL", 0.30, 1, "spi_controller_spim spi_context_handling spi_rtio spi_dma"),
    ("zephyr/drivers/sensor/libdrivers__sensor.a", True, "sensor_", "zephyr/drivers/sensor",
     "POST_KERNEL", 0.35, 1, "sensor_decoder_api sensor_shell_stream sensor_attr_trigger"),
    ("zephyr/drivers/sensor/bosch/bme680/libdrivers__sensor__bosch__bme680.a", True,
     "bme680_", "zephyr/drivers/sensor/bosch/bme680", "POST_KERNEL", 0.30, 1,
     "bme680_environment bme680_spi_bus bme680_i2c_bus bme680_decoder"),
    ("zephyr/drivers/sensor/bosch/bmi270/libdrivers__sensor__bosch__bmi270.a", True,
     "bmi270_", "zephyr/drivers/sensor/bosch/bmi270", "POST_KERNEL", 0.30, 1,
     "bmi270_inertial bmi270_trigger bmi270_feature_config"),
    ("zephyr/drivers/sensor/st/lis2dh/libdrivers__sensor__st__lis2dh.a", True, "lis2dh_",
     "zephyr/drivers/sensor/st/lis2dh", "POST_KERNEL", 0.30, 1,
     "lis2dh_accelerometer lis2dh_trigger lis2dh_spi_transport"),
    ("zephyr/drivers/sensor/nordic/npm1300_charger/libdrivers__sensor__nordic__npm1300_charger.a",
     True, "npm1300_", "zephyr/drivers/sensor/nordic/npm1300_charger", "POST_KERNEL", 0.30, 1,
     "npm1300_charger npm1300_charger_status npm1300_battery_model"),
    ("zephyr/drivers/display/libdrivers__display.a", True, "display_",
     "zephyr/drivers/display", "POST_KERNEL", 0.35, 1,
     "ssd1306_panel st7789v_panel ili9xxx_panel display_framebuffer"),
    ("zephyr/subsys/logging/libsubsys__logging.a", True, "log_", "zephyr/subsys/logging",
     "PRE_KERNEL_1", 0.25, 2,
     "log_mgmt log_msg log_output log_backend_uart log_cache log_frontend_dict "
     "log_backend_rtt log_link_ipc"),
    ("zephyr/subsys/shell/libsubsys__shell.a", True, "shell_", "zephyr/subsys/shell",
     "POST_KERNEL", 0.25, 2,
     "shell_core shell_ops shell_utils shell_history shell_help shell_wildcard "
     "shell_fprintf shell_cmds shell_log_backend shell_vt100"),
    ("zephyr/subsys/settings/libsubsys__settings.a", True, "settings_",
     "zephyr/subsys/settings/src", "APPLICATION", 0.25, 1,
     "settings_store settings_init settings_line settings_nvs settings_runtime "
     "settings_file"),
    ("zephyr/subsys/fs/libsubsys__fs.a", True, "fs_", "zephyr/subsys/fs", "POST_KERNEL",
     0.35, 1, "fs_core fs_littlefs_glue fs_fcb fs_nvs fs_zms fs_shell_commands"),
    ("zephyr/subsys/bluetooth/host/libsubsys__bluetooth__host.a", True, "bt_",
     "zephyr/subsys/bluetooth/host", "POST_KERNEL", 0.25, 5,
     "hci_core hci_common conn l2cap att gatt smp keys adv scan id ecc crypto "
     "uuid buf data addr settings direction iso classic_sdp long_wq"),
    ("zephyr/subsys/bluetooth/mesh/libsubsys__bluetooth__mesh.a", True, "bt_mesh_",
     "zephyr/subsys/bluetooth/mesh", "POST_KERNEL", 0.20, 5,
     "access adv adv_ext beacon cfg_cli cfg_srv crypto friend health_srv health_cli lpn "
     "net prov prov_device provisioner proxy_srv proxy_cli rpl transport heartbeat "
     "sar_cfg priv_beacon_srv solicitation dfu_srv blob_cli blob_srv subnet app_keys "
     "va cdb statistic"),
    ("zephyr/subsys/net/ip/libsubsys__net__ip.a", True, "net_", "zephyr/subsys/net/ip",
     "POST_KERNEL", 0.25, 4,
     "net_core net_if net_context net_pkt net_tc net_mgmt ipv4 ipv6 ipv6_nbr icmpv4 "
     "icmpv6 tcp udp connection route packet_socket net_stats net_timeout utils igmp "
     "mld"),
    ("zephyr/subsys/net/lib/sockets/libsubsys__net__lib__sockets.a", True, "zsock_",
     "zephyr/subsys/net/lib/sockets", "POST_KERNEL", 0.30, 2,
     "sockets sockets_inet sockets_tls sockets_misc getaddrinfo socketpair "
     "sockets_service"),
    ("zephyr/subsys/net/lib/lwm2m/libsubsys__net__lib__lwm2m.a", True, "lwm2m_",
     "zephyr/subsys/net/lib/lwm2m", "APPLICATION", 0.30, 4,
     "lwm2m_engine lwm2m_message_handling lwm2m_observation lwm2m_registry "
     "lwm2m_rd_client lwm2m_rw_senml_json lwm2m_rw_senml_cbor lwm2m_rw_plain_text "
     "lwm2m_rw_oma_tlv lwm2m_obj_device lwm2m_obj_firmware lwm2m_obj_security "
     "lwm2m_obj_server lwm2m_obj_connmon lwm2m_pull_context lwm2m_util lwm2m_shell"),
    ("zephyr/subsys/net/lib/mqtt/libsubsys__net__lib__mqtt.a", True, "mqtt_",
     "zephyr/subsys/net/lib/mqtt", "APPLICATION", 0.30, 1,
     "mqtt_client mqtt_decoder mqtt_encoder mqtt_rx mqtt_transport_socket_tls"),
    ("zephyr/subsys/mgmt/mcumgr/libsubsys__mgmt__mcumgr.a", True, "mcumgr_",
     "zephyr/subsys/mgmt/mcumgr", "APPLICATION", 0.30, 2,
     "smp_transport smp_bt smp_uart img_mgmt img_mgmt_state os_mgmt stat_mgmt "
     "fs_mgmt settings_mgmt shell_mgmt"),
    ("zephyr/subsys/usb/device_next/libsubsys__usb__device_next.a", True, "usbd_",
     "zephyr/subsys/usb/device_next", "POST_KERNEL", 0.35, 2,
     "usbd_core usbd_ch9 usbd_config usbd_interface usbd_class_cdc_acm usbd_class_msc "
     "usbd_class_hid usbd_desc usbd_shell"),
    ("modules/nrf/subsys/net/lib/nrf_cloud/lib..__nrf__subsys__net__lib__nrf_cloud.a", True,
     "nrf_cloud_", "nrf/subsys/net/lib/nrf_cloud/src", "APPLICATION", 0.35, 3,
     "nrf_cloud_fota_common nrf_cloud_fota_poll nrf_cloud_coap_transport "
     "nrf_cloud_codec_internal nrf_cloud_agnss nrf_cloud_pgps nrf_cloud_location "
     "nrf_cloud_log_backend nrf_cloud_alert nrf_cloud_credentials nrf_cloud_info "
     "nrf_cloud_shadow_delta"),
    ("modules/nrf/subsys/bluetooth/mesh/lib..__nrf__subsys__bluetooth__mesh.a", True,
     "bt_mesh_", "nrf/subsys/bluetooth/mesh", "APPLICATION", 0.30, 5,
     "sensor_srv sensor_cli sensor_types light_ctl_srv light_ctl_cli light_hsl_srv "
     "light_hsl_cli lightness_srv lightness_cli onoff_srv gen_lvl_srv gen_ponoff_srv "
     "gen_dtt_srv gen_prop_srv scheduler_srv time_srv time_util light_ctrl_srv "
     "light_ctrl_reg_spec light_xyl_srv scene_srv gen_battery_srv gen_loc_srv "
     "gen_plvl_srv model_utils"),
    ("modules/nrf/subsys/dfu/dfu_target/lib..__nrf__subsys__dfu__dfu_target.a", True,
     "dfu_target_", "nrf/subsys/dfu/dfu_target/src", "APPLICATION", 0.35, 1,
     "dfu_target_core dfu_target_mcuboot dfu_target_modem_delta dfu_target_full_modem "
     "dfu_target_stream dfu_target_uart"),
    ("modules/nrf/lib/location/lib..__nrf__lib__location.a", True, "location_",
     "nrf/lib/location", "APPLICATION", 0.30, 1,
     "location_core location_utils method_gnss method_cellular method_wifi scan_wifi"),
    ("modules/hal_nordic/nrfx/libmodules__hal_nordic__nrfx.a", False, "nrfx_",
     "modules/hal/nordic/nrfx/drivers/src", None, 0.50, 3,
     "nrfx_spim nrfx_twim nrfx_uarte nrfx_gpiote nrfx_timer nrfx_rtc nrfx_saadc "
     "nrfx_pwm nrfx_qspi nrfx_clock nrfx_power nrfx_nvmc nrfx_wdt nrfx_ppi nrfx_dppi "
     "nrfx_ipc nrfx_temp"),
    ("modules/nrf/subsys/nrf_security/src/libmbedcrypto.a", False, "mbedtls_",
     "modules/crypto/mbedtls/library", None, 0.50, 4,
     "aes bignum ccm chacha20 chachapoly cipher cipher_wrap cmac ctr_drbg ecdh ecdsa "
     "ecp ecp_curves entropy gcm hkdf hmac_drbg md oid pk pk_wrap pkparse pkwrite "
     "platform_util poly1305 rsa sha1 sha256 sha512 asn1parse asn1write base64_codec"),
    ("modules/zcbor/libmodules__zcbor.a", False, "zcbor_", "modules/lib/zcbor/src", None,
     0.40, 1, "zcbor_common zcbor_decode zcbor_encode zcbor_print"),
    ("modules/littlefs/libmodules__littlefs.a", False, "lfs_", "modules/fs/littlefs", None,
     0.30, 1, "lfs lfs_util lfs_bd_cache"),
    ("modules/lvgl/lib..__modules__lvgl.a", False, "lv_", "modules/lib/gui/lvgl/src", None,
     0.55, 4,
     "lv_obj lv_obj_style lv_obj_draw lv_obj_pos lv_obj_scroll lv_disp lv_indev "
     "lv_group lv_event lv_anim lv_timer lv_style lv_color lv_txt lv_font lv_draw_sw "
     "lv_draw_rect lv_draw_label lv_img_decoder lv_label lv_btn lv_slider lv_chart "
     "lv_table lv_textarea lv_flex lv_grid lv_theme_default"),
    ("zephyr/kernel/libkernel.a", False, "k_", "zephyr/kernel", None, 0.15, 2,
     "sched thread timeout mutex sem msg_q work timer mem_slab poll queue stack pipes "
     "events condvar kheap mailbox fatal banner device idle errno"),
]

VERBS = ("init handle process parse encode decode validate update get set alloc free "
         "submit cancel notify register unregister lookup flush reset configure start "
         "stop enable disable compute apply dispatch schedule send recv read write open "
         "close sync commit load store check prepare release acquire resolve "
         "serialize deserialize refresh attach detach invalidate").split()
OBJECTS = ("segment header payload frame buffer descriptor context config state request "
           "response event callback timer queue entry record key session channel attribute "
           "packet fragment credentials subscription composition element model publication "
           "transaction window handle block chunk region sector page table index cursor "
           "route neighbor prefix address socket stream token certificate signature digest "
           "nonce counter threshold sample measurement profile endpoint interface "
           "descriptor_set capability feature_mask retransmit_list segment_ack "
           "composition_data device_key app_key_index friend_queue poll_timeout "
           "security_level connection_params").split()
QUALIFIERS = ("timeout locked async ext v2 cb internal retry by_id from_isr with_flags "
              "if_needed all pending cached safe nolock raw unaligned default "
              "for_each deferred").split()
SCOPES = ("rx tx local remote peer dev hw ll core sched evt cfg mgmt proto bearer "
          "link host ctrl").split()
LOG_MSGS = ("failed to {v} {o}", "{o} {v} rejected", "no free {o} for {v}",
            "invalid {o} state", "{v} {o} timed out", "{o} overflow during {v}",
            "unexpected {o} length", "cannot {v} {o} while busy", "{o} not found",
            "{v}: {o} already in use", "unsupported {o} version",
            "dropping {o} after {v} error")


class Fn:
    """One generated function and the data it owns."""
    __slots__ = ("name", "static", "live", "callees", "feats", "consts", "ramfunc")

    def __init__(self, name, static, live):
        self.name = name
        self.static = static
        self.live = live
        self.callees = []
        self.feats = set()
        self.consts = []
        self.ramfunc = False


class SrcFile:
    """One generated C file: its paths, functions and file-scope objects."""

    def __init__(self, lib, stem):
        self.lib = lib
        self.stem = stem
        self.fns = []
        self.root = None
        self.used = True
        self.extern_calls = []  # functions of other files called from this one
        self.kernel_objs = []

    @property
    def src_rel(self):
        return "source/%s/%s.c" % (self.lib.src_dir, self.stem)

    @property
    def obj_rel(self):
        return "%s/CMakeFiles/%s.dir/%s.c.obj" % (self.lib.dir, self.lib.target, self.stem)


class Lib:
    def __init__(self, spec):
        (self.archive, self.whole, self.prefix, self.src_dir, self.level, self.dead,
         self.weight, stems) = spec
        self.stems = stems.split()
        self.dir = os.path.dirname(self.archive)
        base = os.path.basename(self.archive)
        self.target = base[3:-2] if base.startswith("lib") else base[:-2]
        self.files = []


def log(msg):
    print("gen_firmware: " + msg, flush=True)


def make_plan(seed, nfuncs, nfiles):
    """Decide every file, function, call edge and data object (deterministic)."""
    rng = random.Random("%d:plan" % seed)
    libs = [Lib(s) for s in LIBS]
    total_w = sum(lib.weight for lib in libs)
    # Files per library in proportion to weight; extra stems get numbered suffixes.
    for lib in libs:
        n = max(len(lib.stems) // 2, round(nfiles * lib.weight / total_w))
        extra = ("util", "core", "internal", "cli", "srv", "common", "misc", "legacy",
                 "compat", "stats", "shell", "ext")
        stems = list(lib.stems)
        i = 0
        while len(stems) < n:
            base = lib.stems[i % len(lib.stems)]
            if i < len(lib.stems) * len(extra):
                cand = "%s_%s" % (base, extra[i // len(lib.stems)])
            else:
                cand = "%s_%d" % (base, i // len(lib.stems))
            if cand not in stems:
                stems.append(cand)
            i += 1
        lib.files = [SrcFile(lib, s) for s in stems[:n]]
    files = [f for lib in libs for f in lib.files]
    # Functions per file: random weights, scaled to nfuncs.
    weights = [rng.uniform(0.4, 1.6) for _ in files]
    scale = nfuncs / sum(weights)
    counts = [max(6, round(w * scale)) for w in weights]
    used_names = set()

    def unique_name(f, frng):
        pfx = f.lib.prefix
        short = f.stem
        if short.startswith(pfx.rstrip("_")):
            short = short[len(pfx.rstrip("_")):].lstrip("_") or f.stem
        for _ in range(100):
            parts = [pfx + short]
            if frng.random() < 0.7:
                parts.append(frng.choice(SCOPES))
            parts += [frng.choice(VERBS), frng.choice(OBJECTS)]
            if frng.random() < 0.65:
                parts.append(frng.choice(QUALIFIERS))
            name = "_".join(parts)
            if name not in used_names:
                used_names.add(name)
                return name
        n = 2
        while "%s_%d" % (name, n) in used_names:
            n += 1
        used_names.add("%s_%d" % (name, n))
        return "%s_%d" % (name, n)

    for f, count in zip(files, counts):
        frng = random.Random("%d:file:%s:%s" % (seed, f.lib.archive, f.stem))
        if not f.lib.whole and frng.random() < 0.08:
            f.used = False           # an archive member nothing pulls in
        root = Fn(unique_name(f, frng), False, f.used)
        f.root = root
        f.fns.append(root)
        live = [root]
        for _ in range(count - 1):
            is_live = f.used and frng.random() >= f.lib.dead
            static = is_live and frng.random() < 0.30
            fn = Fn(unique_name(f, frng), static, is_live)
            if is_live:
                parent = live[frng.randrange(len(live))]
                parent.callees.append(fn)
                live.append(fn)
            else:
                # Dead code may still call into the file; it is discarded anyway.
                if frng.random() < 0.5 and len(live) > 1:
                    fn.callees.append(live[frng.randrange(1, len(live))])
            f.fns.append(fn)
        # Order functions like source would: shuffle but keep the root first.
        rest = f.fns[1:]
        frng.shuffle(rest)
        f.fns = [root] + rest
        for fn in f.fns:
            r = frng.random
            if r() < 0.80:
                fn.feats.add("log")
                if r() < 0.75:
                    fn.feats.add("func")
            if r() < 0.60:
                fn.feats.add("counter")
            if r() < 0.35:
                fn.feats.add("table")
            if r() < 0.35:
                fn.feats.add("switch")
            if r() < 0.10:
                fn.feats.add("memset")
            k = frng.choice((3, 3, 4, 4, 4, 5, 5))
            kinds = ["stats", "cfg", "desc", "pool", "handler", "work", "timer", "evt_map"]
            frng.shuffle(kinds)
            fn.consts = [(kk, frng.random() < 0.85) for kk in kinds[:k]]
        if f.lib.prefix == "flash_" and f.stem.startswith("soc_flash"):
            for fn in f.fns[1:3]:
                if fn.live:
                    fn.ramfunc = True
        if f.lib.whole and f.lib.prefix != "app_" and frng.random() < 0.35:
            f.kernel_objs.append(frng.choice(("sem", "mutex")))
    # Pull in the members of ordinary archives from live code of whole archives,
    # and add cross-file calls between live global functions.
    whole_live = [fn for f in files if f.lib.whole for fn in f.fns if fn.live]
    owner = {}
    for f in files:
        for fn in f.fns:
            owner[fn.name] = f
    for f in files:
        if not f.lib.whole and f.used:
            caller = whole_live[rng.randrange(len(whole_live))]
            caller.callees.append(f.root)
            owner[caller.name].extern_calls.append(f.root)
    live_globals = [fn for f in files for fn in f.fns if fn.live and not fn.static]
    for f in files:
        for fn in f.fns:
            if fn.live and rng.random() < 0.30:
                callee = live_globals[rng.randrange(len(live_globals))]
                if owner[callee.name] is not f:
                    fn.callees.append(callee)
                    f.extern_calls.append(callee)
    return libs, files


HEADER = r"""/* SPDX-License-Identifier: Apache-2.0 */
/* Shared declarations of the generated benchmark firmware (Zephyr-like). */
#ifndef FW_H
#define FW_H
#include <stddef.h>
#include <stdint.h>

#define BIT(n) (1UL << (n))
#define __used __attribute__((__used__))
#define __noinline __attribute__((__noinline__))
#define __ramfunc __attribute__((__noinline__, __long_call__, __section__(".ramfunc")))
#define _STR(x) #x
#define STRINGIFY(x) _STR(x)
#define __noinit_named(f, n) __attribute__((__section__(".noinit.\"" f "\"." #n)))

struct fw_ctx {
	uint32_t flags;
	uint32_t state;
	uint32_t counters[8];
	void *user;
};

struct fw_stats { uint32_t hits; uint32_t errors; uint32_t last; };
struct fw_cfg { uint16_t id; uint16_t flags; uint32_t timeout_ms; uint32_t limit; };
struct fw_desc { const char *name; uint32_t id; uint32_t caps; };
struct fw_pool { uint8_t used; uint8_t count; uint8_t buf[30]; };
struct fw_cb { int (*fn)(struct fw_ctx *ctx, uint32_t arg); uint32_t arg; };
struct fw_work { int (*handler)(struct fw_ctx *ctx, uint32_t arg); uint32_t flags; };
struct fw_timer { uint32_t expiry; uint32_t period; void *user_data; };

struct log_source_const_data { const char *name; uint8_t level; };
void z_log_msg_runtime_create(const struct log_source_const_data *src, uint8_t level,
			      const char *fmt, ...);
#define LOG_MODULE_REGISTER(mod) \
	const struct log_source_const_data log_const_##mod \
	__attribute__((__section__("._log_const.static.log_const_" #mod))) __used = \
	{ .name = #mod, .level = 3 }; \
	static const struct log_source_const_data *const __log_current = &log_const_##mod
#define LOG_ERR(...) z_log_msg_runtime_create(__log_current, 1, __VA_ARGS__)
#define LOG_WRN(...) z_log_msg_runtime_create(__log_current, 2, __VA_ARGS__)
#define LOG_DBG(...) z_log_msg_runtime_create(__log_current, 4, __VA_ARGS__)

struct init_entry { int (*init_fn)(void); const void *dev; };
#define SYS_INIT_NAMED(name, fn, level, prio, n) \
	static const struct init_entry __init_##name __used \
	__attribute__((__section__(".z_init_" #level #prio "_" #n "_"))) = { fn, NULL }

struct k_sem { uint32_t count; uint32_t limit; void *wait_q[2]; };
struct k_mutex { void *owner; uint32_t lock_count; int owner_prio; void *wait_q[2]; };
#define K_SEM_DEFINE(name, init, max) \
	struct k_sem name __attribute__((__section__("._k_sem.static." #name))) __used = \
	{ init, max, { NULL, NULL } }
#define K_MUTEX_DEFINE(name) \
	struct k_mutex name __attribute__((__section__("._k_mutex.static." #name))) __used = \
	{ NULL, 0, 0, { NULL, NULL } }

struct shell_static_entry { const char *syntax; const char *help;
			    int (*handler)(struct fw_ctx *ctx, uint32_t arg); };
#define SHELL_CMD_REGISTER(name, help, fn) \
	static const struct shell_static_entry shell_cmd_##name \
	__attribute__((__section__("._shell_root_cmds.static.shell_cmd_" #name))) __used = \
	{ #name, help, fn }

struct device { const char *name; const void *config; void *data; };

void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);
#endif
"""


def stable_hash(s, mod):
    return int(hashlib.md5(s.encode()).hexdigest()[:8], 16) % mod


def gen_function(fn, lines, frng):
    """Emit the C text of one function body."""
    attrs = ""
    if fn.ramfunc:
        attrs = "__ramfunc "
    elif fn.static:
        attrs = "static __noinline "
    lines.append("%sint %s(struct fw_ctx *ctx, uint32_t arg)" % (attrs, fn.name))
    lines.append("{")
    counter = table = None
    if "counter" in fn.feats:
        counter = frng.choice(("calls", "retries", "pending", "seq", "last_err", "busy"))
        lines.append("\tstatic uint32_t %s;" % counter)
    if "table" in fn.feats:
        n = frng.choice((8, 16, 16, 32))
        typ = frng.choice(("uint8_t", "uint16_t", "uint32_t"))
        vals = ", ".join("0x%x" % frng.randrange(1 << 8) for _ in range(n))
        table = (frng.choice(("lut", "tbl", "map", "coef", "masks", "steps")), n)
        lines.append("\tstatic const %s %s[%d] = { %s };" % (typ, table[0], n, vals))
    lines.append("\tuint32_t acc = arg ^ 0x%xu;" % frng.randrange(1 << 32))
    if counter:
        lines.append("\t%s++;" % counter)
        lines.append("\tacc += %s;" % counter)
    nb = frng.randrange(1, 4)
    for _ in range(nb):
        b = frng.randrange(32)
        c = frng.randrange(8)
        op = frng.choice(("acc = (acc << %d) | (acc >> %d);" % (b % 31 + 1, 31 - b % 31),
                          "acc ^= ctx->counters[%d];" % c,
                          "ctx->counters[%d] += acc;" % c,
                          "acc = acc * %du + ctx->state;" % (frng.randrange(3, 200) | 1)))
        lines.append("\tif (ctx->flags & BIT(%d)) {" % b)
        lines.append("\t\t%s" % op)
        lines.append("\t}")
    for callee in fn.callees:
        lines.append("\tacc += (uint32_t)%s(ctx, acc + %du);" % (callee.name,
                                                                 frng.randrange(1000)))
    for kind, _glob in fn.consts:
        v = "%s_%s" % (fn.name, kind)
        if kind == "stats":
            lines.append("\t%s.hits++;" % v)
            lines.append("\t%s.last = acc;" % v)
        elif kind == "cfg":
            lines.append("\tif (acc > %s.limit) {" % v)
            lines.append("\t\tacc = %s.timeout_ms;" % v)
            lines.append("\t}")
        elif kind == "desc":
            lines.append("\tacc += %s.caps ^ %s.id;" % (v, v))
        elif kind == "pool":
            lines.append("\t%s.buf[acc %% sizeof(%s.buf)] = (uint8_t)acc;" % (v, v))
        elif kind == "handler":
            lines.append("\tif (%s.fn != NULL) {" % v)
            lines.append("\t\tacc += (uint32_t)%s.fn(ctx, %s.arg);" % (v, v))
            lines.append("\t}")
        elif kind == "work":
            lines.append("\t%s.flags |= acc & 0xffu;" % v)
        elif kind == "timer":
            lines.append("\t%s.expiry = acc + %s.period;" % (v, v))
        elif kind == "evt_map":
            lines.append("\tacc ^= %s[acc %% %du];" % (v, 4 + stable_hash(v, 12)))
    if "memset" in fn.feats:
        lines.append("\tif (acc == 0u) {")
        lines.append("\t\tmemset(ctx->counters, 0, sizeof(ctx->counters));")
        lines.append("\t}")
    if table:
        lines.append("\tacc += %s[acc %% %du];" % table)
    if "switch" in fn.feats:
        lines.append("\tswitch (acc & 7u) {")
        for i in range(7):
            lines.append("\tcase %du: acc = %du; break;" % (i, frng.randrange(1, 60000)))
        lines.append("\tdefault: acc = 0u; break;")
        lines.append("\t}")
    if "log" in fn.feats:
        words = fn.name.split("_")
        msg = frng.choice(LOG_MSGS).format(v=frng.choice(VERBS),
                                           o=frng.choice(OBJECTS).replace("_", " "))
        level = frng.choice(("LOG_ERR", "LOG_WRN", "LOG_DBG", "LOG_DBG"))
        lines.append("\tif ((acc & 0x%xu) == 0u) {" % (1 << frng.randrange(4, 12)))
        if "func" in fn.feats:
            lines.append('\t\t%s("%%s: %s (%%u)", __func__, (unsigned int)acc);' %
                         (level, msg))
        else:
            lines.append('\t\t%s("%s %s: %%u", (unsigned int)acc);' %
                         (level, words[-1], msg))
        lines.append("\t\treturn -%d;" % frng.choice((5, 11, 12, 16, 22, 110, 116)))
        lines.append("\t}")
    lines.append("\tctx->state = acc;")
    lines.append("\treturn (int)(acc & 0x7fffffffu);")
    lines.append("}")
    lines.append("")


def gen_source(f, seed):
    frng = random.Random("%d:src:%s" % (seed, f.src_rel))
    mod = f.lib.prefix + f.stem.replace(f.lib.prefix.rstrip("_") + "_", "")
    mod = mod.replace("__", "_").rstrip("_")
    L = []
    L.append("/* SPDX-License-Identifier: Apache-2.0 */")
    L.append("/* %s: generated %s module of the benchmark firmware. */" % (
        os.path.basename(f.src_rel), f.lib.target))
    L.append("#include <fw.h>")
    L.append("")
    L.append("LOG_MODULE_REGISTER(%s);" % mod)
    L.append("")
    # Cross-file callees.
    seen = set()
    for callee in f.extern_calls:
        if callee.name not in seen:
            seen.add(callee.name)
            L.append("extern int %s(struct fw_ctx *ctx, uint32_t arg);" % callee.name)
    # Forward declarations of every function of this file (call order is arbitrary).
    for fn in f.fns:
        if fn.ramfunc:
            L.append("__ramfunc int %s(struct fw_ctx *ctx, uint32_t arg);" % fn.name)
        else:
            L.append("%sint %s(struct fw_ctx *ctx, uint32_t arg);" % (
                "static __noinline " if fn.static else "", fn.name))
    L.append("")
    # File-scope state, kernel objects and stacks.
    ctx_name = "%s_ctx" % mod
    L.append("static struct fw_ctx %s;" % ctx_name)
    for kind in f.kernel_objs:
        if kind == "sem":
            L.append("K_SEM_DEFINE(%s_sem, 0, 1);" % mod)
        else:
            L.append("K_MUTEX_DEFINE(%s_lock);" % mod)
    stack = None
    if frng.random() < 0.25:
        stack = "%s_stack" % mod
        L.append("%suint8_t %s[%d] __noinit_named(\"WEST_TOPDIR/%s\", 0);" % (
            frng.choice(("", "static ")), stack, frng.choice((512, 1024, 1536, 2048)),
            f.src_rel[len("source/"):]))
    # Per-function data objects.
    for fn in f.fns:
        for kind, glob in fn.consts:
            v = "%s_%s" % (fn.name, kind)
            st = "" if glob else "static "
            if kind == "stats":
                L.append("%sstruct fw_stats %s;" % (st, v))
            elif kind == "cfg":
                L.append("%sstruct fw_cfg %s = { %d, 0x%x, %d, %d };" % (
                    st, v, frng.randrange(1, 4096), frng.randrange(1, 256),
                    frng.choice((100, 250, 1000, 5000, 30000)), frng.randrange(64, 1 << 20)))
            elif kind == "desc":
                L.append('%sconst struct fw_desc %s = { "%s", %d, 0x%x };' % (
                    st, v, fn.name.split("_", 1)[1][:24], frng.randrange(1 << 16),
                    frng.randrange(1 << 24)))
            elif kind == "pool":
                L.append("%sstruct fw_pool %s;" % (st, v))
            elif kind == "handler":
                target = fn.callees[0].name if fn.callees else fn.name
                L.append("%sconst struct fw_cb %s = { %s, %du };" % (
                    st, v, target, frng.randrange(1 << 16)))
            elif kind == "work":
                L.append("%sstruct fw_work %s = { %s, 0x%xu };" % (
                    st, v, fn.name, frng.randrange(1 << 16)))
            elif kind == "timer":
                L.append("%sstruct fw_timer %s;" % (st, v))
            elif kind == "evt_map":
                n = 4 + stable_hash(v, 12)
                L.append("%sconst uint16_t %s[%d] = { %s };" % (
                    st, v, n, ", ".join(str(frng.randrange(1 << 16)) for _ in range(n))))
    L.append("")
    for fn in f.fns:
        gen_function(fn, L, frng)
    if f.lib.whole:
        L.append("static int %s_sys_init(void)" % mod)
        L.append("{")
        if stack:
            L.append("\t%s.user = %s;" % (ctx_name, stack))
        L.append("\treturn %s(&%s, 0x%xu);" % (f.root.name, ctx_name, frng.randrange(1 << 16)))
        L.append("}")
        L.append("")
        L.append("SYS_INIT_NAMED(%s, %s_sys_init, %s, %d, %d);" % (
            mod, mod, f.lib.level, frng.randrange(10, 99), frng.randrange(0, 3)))
        if f.lib.prefix in ("shell_", "app_", "flash_", "gpio_", "i2c_", "sensor_",
                            "bt_mesh_", "net_", "mcumgr_"):
            live_globals = [fn for fn in f.fns if fn.live and not fn.static][:3]
            cmds = set()
            for fn in live_globals:
                words = fn.name[len(f.lib.prefix):].split("_")
                cmd = words[0]
                for w in words[1:]:
                    if len(cmd) + 1 + len(w) > 32:
                        break
                    cmd += "_" + w
                while cmd in cmds:
                    cmd += "_x"
                cmds.add(cmd)
                L.append('SHELL_CMD_REGISTER(%s, "%s", %s);' % (
                    cmd, " ".join(fn.name.split("_")[-2:]), fn.name))
    else:
        L.append("int %s_touch_ctx(void)" % mod)
        L.append("{")
        if stack:
            L.append("\t%s.user = %s;" % (ctx_name, stack))
        L.append("\treturn %s(&%s, 1u);" % (f.root.name, ctx_name))
        L.append("}")
    L.append("")
    return "\n".join(L)


FIXED_SOURCES = {
    "source/zephyr/arch/arm/core/cortex_m/vector_table.c": r"""/* SPDX-License-Identifier: Apache-2.0 */
/* Reset entry and exception vectors of the benchmark firmware. */
#include <fw.h>

extern uint32_t z_main_stack_top[];
extern void z_cstart(void);
void __start(void);

static void z_arm_exc_spurious(void)
{
	for (;;) {
	}
}

const void *const _vector_table[16]
	__attribute__((__section__(".exc_vector_table._vector_table_section"))) __used = {
	z_main_stack_top, __start, z_arm_exc_spurious, z_arm_exc_spurious,
	z_arm_exc_spurious, z_arm_exc_spurious, z_arm_exc_spurious, NULL,
	NULL, NULL, NULL, z_arm_exc_spurious,
	z_arm_exc_spurious, NULL, z_arm_exc_spurious, z_arm_exc_spurious,
};

void __start(void)
{
	z_cstart();
}
""",
    "source/zephyr/kernel/init.c": r"""/* SPDX-License-Identifier: Apache-2.0 */
/* Kernel start-up: runs the init levels, then main(). */
#include <fw.h>

extern const struct init_entry __init_start[];
extern const struct init_entry __init_end[];
extern int main(void);

uint8_t z_main_stack[2048] __noinit_named("WEST_TOPDIR/zephyr/kernel/init.c", 0);
struct fw_ctx z_kernel_ctx;

void z_cstart(void)
{
	z_kernel_ctx.user = z_main_stack;
	for (const struct init_entry *e = __init_start; e < __init_end; e++) {
		(void)e->init_fn();
	}
	(void)main();
	for (;;) {
	}
}
""",
    "source/zephyr/subsys/logging/log_core.c": r"""/* SPDX-License-Identifier: Apache-2.0 */
/* Minimal log sink: counts messages per level. */
#include <fw.h>

uint32_t log_dropped_cnt;
static uint32_t log_level_counts[8];

void z_log_msg_runtime_create(const struct log_source_const_data *src, uint8_t level,
			      const char *fmt, ...)
{
	log_level_counts[level & 7u] += (uint32_t)strlen(fmt);
	if (src->level < level) {
		log_dropped_cnt++;
	}
}
""",
    "source/zephyr/lib/libc/minimal/source/string/string.c": r"""/* SPDX-License-Identifier: Apache-2.0 */
/* Freestanding string functions of the benchmark firmware. */
#include <fw.h>

void *memset(void *s, int c, size_t n)
{
	uint8_t *p = s;

	while (n-- > 0) {
		*p++ = (uint8_t)c;
	}
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;

	while (n-- > 0) {
		*dp++ = *sp++;
	}
	return d;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0') {
		p++;
	}
	return (size_t)(p - s);
}
""",
    "source/zephyr/misc/empty_file.c": "/* SPDX-License-Identifier: Apache-2.0 */\n"
                                       "/* Intentionally empty translation unit. */\n",
}

# Fixed sources: (source, object, archive or None for a loose object, whole?).
FIXED_OBJECTS = [
    ("source/zephyr/misc/empty_file.c",
     "zephyr/CMakeFiles/zephyr_final.dir/misc/empty_file.c.obj", None),
    ("source/zephyr/isr_tables.c", "zephyr/CMakeFiles/zephyr_final.dir/isr_tables.c.obj",
     None),
    ("source/zephyr/arch/arm/core/cortex_m/vector_table.c",
     "zephyr/arch/arch/arm/core/cortex_m/CMakeFiles/arch__arm__core__cortex_m.dir/"
     "vector_table.c.obj",
     "zephyr/arch/arch/arm/core/cortex_m/libarch__arm__core__cortex_m.a"),
    ("source/zephyr/kernel/init.c", "zephyr/kernel/CMakeFiles/kernel.dir/init.c.obj",
     "zephyr/kernel/libkernel.a"),
    ("source/zephyr/subsys/logging/log_core.c",
     "zephyr/subsys/logging/CMakeFiles/subsys__logging.dir/log_core.c.obj",
     "zephyr/subsys/logging/libsubsys__logging.a"),
    ("source/zephyr/lib/libc/minimal/source/string/string.c",
     "zephyr/lib/libc/minimal/CMakeFiles/lib__libc__minimal.dir/source/string/string.c.obj",
     "zephyr/lib/libc/minimal/liblib__libc__minimal.a"),
    ("source/app/src/main.c", "app/CMakeFiles/app.dir/src/main.c.obj", "app/libapp.a"),
]


def gen_isr_tables(files, seed):
    rng = random.Random("%d:isr" % seed)
    drivers = [f for f in files if f.lib.dir.startswith("zephyr/drivers") and f.root.live]
    L = ["/* SPDX-License-Identifier: Apache-2.0 */",
         "/* Interrupt tables: hardware vectors and the software ISR table. */",
         "#include <fw.h>", ""]
    for f in drivers:
        L.append("extern int %s(struct fw_ctx *ctx, uint32_t arg);" % f.root.name)
    L.append("extern void z_arm_isr_wrapper(void);")
    L.append("")
    n = 64
    L.append("void z_arm_isr_wrapper(void)\n{\n}\n")
    L.append("const void *const _irq_vector_table[%d]" % n)
    L.append("\t__attribute__((__section__(\".gnu.linkonce.irq_vector_table\"))) __used = {")
    L.append("\t" + ", ".join(["z_arm_isr_wrapper"] * n))
    L.append("};")
    L.append("")
    L.append("struct _isr_table_entry { const void *arg; "
             "int (*isr)(struct fw_ctx *ctx, uint32_t arg); };")
    L.append("const struct _isr_table_entry _sw_isr_table[%d]" % n)
    L.append("\t__attribute__((__section__(\".gnu.linkonce.sw_isr_table\"))) __used = {")
    for i in range(n):
        if drivers and rng.random() < 0.5:
            f = drivers[rng.randrange(len(drivers))]
            L.append("\t{ (const void *)0x%x, %s }," % (i, f.root.name))
        else:
            L.append("\t{ (const void *)0x%x, NULL }," % i)
    L.append("};")
    L.append("")
    return "\n".join(L)


def gen_main(files):
    app = [f for f in files if f.lib.prefix == "app_"][:4]
    L = ["/* SPDX-License-Identifier: Apache-2.0 */",
         "/* Application entry point of the benchmark firmware. */",
         "#include <fw.h>", ""]
    for f in app:
        L.append("extern int %s(struct fw_ctx *ctx, uint32_t arg);" % f.root.name)
    L += ["", "static struct fw_ctx app_main_ctx;", "", "int main(void)", "{",
          "\tint err = 0;", ""]
    for i, f in enumerate(app):
        L.append("\terr |= %s(&app_main_ctx, %du);" % (f.root.name, i))
    L += ["\treturn err;", "}", ""]
    return "\n".join(L)


def iter_section(name, sym, pattern, region):
    return ("\t%s : ALIGN_WITH_INPUT\n\t{\n\t\t_%s_list_start = .;\n"
            "\t\tKEEP(*(SORT_BY_NAME(%s)));\n\t\t_%s_list_end = .;\n\t} > %s\n"
            % (name, sym, pattern, sym, region))


def gen_linker_script():
    levels = ["EARLY", "PRE_KERNEL_1", "PRE_KERNEL_2", "POST_KERNEL", "APPLICATION", "SMP"]
    init = ["\tinitlevel :\n\t{\n\t\t__init_start = .;"]
    for lv in levels:
        init.append("\t\t__init_%s_start = .;" % lv)
        init.append("\t\tKEEP(*(SORT(.z_init_%s?_*)));" % lv)
        init.append("\t\tKEEP(*(SORT(.z_init_%s??_*)));" % lv)
    init.append("\t\t__init_end = .;\n\t} > FLASH\n")
    debug = [".debug", ".line", ".debug_srcinfo", ".debug_sfnames", ".debug_aranges",
             ".debug_pubnames", ".debug_abbrev", ".debug_line", ".debug_frame",
             ".debug_str", ".debug_loc", ".debug_macinfo", ".debug_weaknames",
             ".debug_funcnames", ".debug_typenames", ".debug_varnames", ".debug_pubtypes",
             ".debug_ranges", ".debug_addr", ".debug_line_str", ".debug_loclists",
             ".debug_macro", ".debug_names", ".debug_rnglists", ".debug_str_offsets",
             ".debug_sup"]
    dbg = []
    for s in [".stab", ".stabstr", ".stab.excl", ".stab.exclstr", ".stab.index",
              ".stab.indexstr", ".gnu.build.attributes", ".comment"]:
        dbg.append("\t%s 0 : { *(SORT_BY_ALIGNMENT(%s)) }" % (s, s))
    for s in debug:
        dbg.append("\t%s 0 : { *(SORT_BY_ALIGNMENT(%s)) }" % (s, s))
    dbg.insert(dbg.index("\t.debug_abbrev 0 : { *(SORT_BY_ALIGNMENT(.debug_abbrev)) }"),
               "\t.debug_info 0 : { *(SORT_BY_ALIGNMENT(.debug_info) .gnu.linkonce.wi.*) }")
    return """/* SPDX-License-Identifier: Apache-2.0 */
/* Linker script of the benchmark firmware, shaped like Zephyr's Cortex-M one. */

OUTPUT_FORMAT("elf32-littlearm")
_region_min_align = 32;

MEMORY
{
	FLASH (rx) : ORIGIN = 0x%(fbase)08x, LENGTH = 0x%(fsize)x
	RAM (wx) : ORIGIN = 0x%(sbase)08x, LENGTH = 0x%(ssize)x
	IDT_LIST (wx) : ORIGIN = 0xFFFF7FFF, LENGTH = 32K
}

ENTRY("__start")

SECTIONS
{
	.rel.plt :
	{
		*(.rel.plt)
		PROVIDE_HIDDEN (__rel_iplt_start = .);
		*(.rel.iplt)
		PROVIDE_HIDDEN (__rel_iplt_end = .);
	}
	.rela.plt :
	{
		*(.rela.plt)
		PROVIDE_HIDDEN (__rela_iplt_start = .);
		*(.rela.iplt)
		PROVIDE_HIDDEN (__rela_iplt_end = .);
	}
	.rel.dyn : { *(.rel.*) }
	.rela.dyn : { *(.rela.*) }
	/DISCARD/ : { *(.plt) }
	/DISCARD/ : { *(.iplt) }

	__rom_region_start = 0x%(fbase)x;

	rom_start :
	{
		__rom_start_address = .;
		FILL(0x00);
		. += 0x0 - (. - __rom_start_address);
		. = ALIGN(4);
		. = ALIGN(128);
		. = ALIGN(512);
		_vector_start = .;
		KEEP(*(SORT_BY_ALIGNMENT(.exc_vector_table)))
		KEEP(*(SORT_BY_ALIGNMENT(".exc_vector_table.*")))
		KEEP(*(SORT_BY_ALIGNMENT(.vectors)))
		_vector_end = .;
		. = ALIGN(4);
		KEEP(*(.gnu.linkonce.irq_vector_table*))
		_vector_end = .;
	} > FLASH

	text :
	{
		__text_region_start = .;
		*(.text)
		*(".text.*")
		*(".TEXT.*")
		*(.gnu.linkonce.t.*)
		*(.glue_7t) *(.glue_7) *(.vfp11_veneer) *(.v4_bx)
		. = ALIGN(4);
	} > FLASH
	__text_region_end = .;

	.ARM.exidx :
	{
		__exidx_start = .;
		*(.ARM.exidx* gnu.linkonce.armexidx.*)
		__exidx_end = .;
	} > FLASH

	__rodata_region_start = .;
%(init)s
	initlevel_error :
	{
		KEEP(*(SORT(.z_init_*)))
	}
	ASSERT(SIZEOF(initlevel_error) == 0, "Undefined initialization levels used.")

	device_area :
	{
		_device_list_start = .;
		KEEP(*(SORT(._device.static.*_?_*)));
		KEEP(*(SORT(._device.static.*_??_*)));
		_device_list_end = .;
	} > FLASH

	sw_isr_table :
	{
		. = ALIGN(4);
		KEEP(*(.gnu.linkonce.sw_isr_table*))
	} > FLASH

%(log_const)s%(shell_root)s
	rodata :
	{
		*(.rodata)
		*(".rodata.*")
		*(.gnu.linkonce.r.*)
		. = ALIGN(4);
	} > FLASH
	__rodata_region_end = .;
	__rom_region_end = __rom_region_start + . - ADDR(rom_start);

	/DISCARD/ : { *(.got.plt) *(.igot.plt) *(.got) *(.igot) }

	_image_ram_start = ORIGIN(RAM);

	.ramfunc : ALIGN_WITH_INPUT
	{
		. = ALIGN(_region_min_align);
		__ramfunc_start = .;
		*(SORT_BY_ALIGNMENT(.ramfunc))
		*(SORT_BY_ALIGNMENT(".ramfunc.*"))
		. = ALIGN(_region_min_align);
		__ramfunc_end = .;
	} > RAM AT> FLASH
	__ramfunc_size = __ramfunc_end - __ramfunc_start;
	__ramfunc_load_start = LOADADDR(.ramfunc);

	datas : ALIGN_WITH_INPUT
	{
		__data_region_start = .;
		__data_start = .;
		*(.data)
		*(".data.*")
		*(".kernel.*")
		__data_end = .;
	} > RAM AT> FLASH
	__data_size = __data_end - __data_start;
	__data_load_start = LOADADDR(datas);
	__data_region_load_start = LOADADDR(datas);

%(k_sem)s%(k_mutex)s	__data_region_end = .;

	bss (NOLOAD) : ALIGN_WITH_INPUT
	{
		. = ALIGN(4);
		__bss_start = .;
		__kernel_ram_start = .;
		*(.bss)
		*(".bss.*")
		*(COMMON)
		*(".kernel_bss.*")
		__bss_end = ALIGN(4);
	} > RAM AT> RAM

	noinit (NOLOAD) :
	{
		*(SORT_BY_ALIGNMENT(.noinit))
		*(SORT_BY_ALIGNMENT(".noinit.*"))
		*(SORT_BY_ALIGNMENT(".kernel_noinit.*"))
		. = ALIGN(8);
		z_main_stack_top = .;
	} > RAM AT> RAM

	__kernel_ram_end = 0x%(sbase)x + 0x%(ssize)x;
	__kernel_ram_size = __kernel_ram_end - __kernel_ram_start;
	_image_ram_end = .;
	_end = .;

%(debug)s
	.ARM.attributes 0 :
	{
		KEEP(*(.ARM.attributes))
		KEEP(*(.gnu.attributes))
	}

	.last_section :
	{
		LONG(0xE015E015)
	} > FLASH
	_flash_used = LOADADDR(.last_section) + SIZEOF(.last_section) - __rom_region_start;
}
""" % {
        "fbase": FLASH_BASE, "fsize": FLASH_SIZE, "sbase": SRAM_BASE, "ssize": SRAM_SIZE,
        "init": "\n".join(init),
        "log_const": iter_section("log_const_area", "log_const", "._log_const.static.*",
                                  "FLASH"),
        "shell_root": iter_section("shell_root_cmds_area", "shell_root_cmds",
                                   "._shell_root_cmds.static.*", "FLASH"),
        "k_sem": iter_section("k_sem_area", "k_sem", "._k_sem.static.*", "RAM AT> FLASH"),
        "k_mutex": iter_section("k_mutex_area", "k_mutex", "._k_mutex.static.*",
                                "RAM AT> FLASH"),
        "debug": "\n".join(dbg),
    }


def gen_config(nfuncs, seed):
    return """# SPDX-License-Identifier: Apache-2.0
# Kconfig output of the generated benchmark firmware (%d functions, seed %d).
CONFIG_ARM=y
CONFIG_CPU_CORTEX_M4=y
CONFIG_BOARD="fwbench_m4"
CONFIG_SOC="fwbench_m4"
CONFIG_NUM_IRQS=64
CONFIG_FLASH_BASE_ADDRESS=0x%x
CONFIG_FLASH_SIZE=%d
CONFIG_FLASH_LOAD_OFFSET=0x0
CONFIG_FLASH_LOAD_SIZE=0x0
CONFIG_ROM_START_OFFSET=0
CONFIG_SRAM_BASE_ADDRESS=0x%x
CONFIG_SRAM_SIZE=%d
CONFIG_XIP=y
CONFIG_LOG=y
CONFIG_SHELL=y
CONFIG_BT=y
CONFIG_BT_MESH=y
CONFIG_NETWORKING=y
CONFIG_LWM2M=y
CONFIG_MQTT_LIB=y
CONFIG_MCUMGR=y
CONFIG_USB_DEVICE_STACK_NEXT=y
CONFIG_NRF_CLOUD=y
CONFIG_LOCATION=y
CONFIG_MBEDTLS=y
CONFIG_LVGL=y
CONFIG_FILE_SYSTEM=y
CONFIG_FILE_SYSTEM_LITTLEFS=y
CONFIG_SETTINGS=y
CONFIG_BUILD_OUTPUT_BIN=y
CONFIG_BUILD_OUTPUT_HEX=y
# CONFIG_BOOTLOADER_MCUBOOT is not set
""" % (nfuncs, seed, FLASH_BASE, FLASH_SIZE // 1024, SRAM_BASE, SRAM_SIZE // 1024)


def gen_dts():
    return """/dts-v1/;

/ {
	#address-cells = < 0x1 >;
	#size-cells = < 0x1 >;
	model = "Flashlint benchmark board (Cortex-M4)";
	compatible = "fwbench,m4";
	chosen {
		zephyr,flash = &flash0;
		zephyr,sram = &sram0;
		zephyr,code-partition = &slot0_partition;
	};
	soc {
		#address-cells = < 0x1 >;
		#size-cells = < 0x1 >;
		compatible = "simple-bus";
		ranges;
		sram0: memory@%(sbase)x {
			compatible = "mmio-sram";
			reg = < 0x%(sbase)x 0x%(ssize)x >;
		};
		flash_controller: flash-controller@4001e000 {
			compatible = "fwbench,flash-controller";
			reg = < 0x4001e000 0x1000 >;
			#address-cells = < 0x1 >;
			#size-cells = < 0x1 >;
			flash0: flash@%(fbase)x {
				compatible = "soc-nv-flash";
				erase-block-size = < 0x1000 >;
				write-block-size = < 0x4 >;
				reg = < 0x%(fbase)x 0x%(fsize)x >;
				partitions {
					compatible = "fixed-partitions";
					#address-cells = < 0x1 >;
					#size-cells = < 0x1 >;
					slot0_partition: partition@0 {
						label = "image-0";
						reg = < 0x0 0x%(code)x >;
					};
					storage_partition: partition@%(code)x {
						label = "storage";
						reg = < 0x%(code)x 0x%(storage)x >;
					};
				};
			};
		};
	};
};
""" % {"sbase": SRAM_BASE, "ssize": SRAM_SIZE, "fbase": FLASH_BASE, "fsize": FLASH_SIZE,
       "code": CODE_PARTITION_SIZE, "storage": FLASH_SIZE - CODE_PARTITION_SIZE}


def write_if_changed(path, text):
    """Write text to path unless identical, so make-style mtimes stay useful."""
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == text:
                return False
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return True


def needs_build(src, obj):
    try:
        return os.path.getmtime(obj) < os.path.getmtime(src)
    except OSError:
        return True


def compile_one(out, src_rel, obj_rel):
    os.makedirs(os.path.join(out, os.path.dirname(obj_rel)), exist_ok=True)
    cmd = [CC] + CFLAGS + ["-ffile-prefix-map=%s=." % out, "-I", "source/include",
                           "-c", src_rel, "-o", obj_rel]
    res = subprocess.run(cmd, cwd=out, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError("compile failed: %s\n%s" % (" ".join(cmd), res.stderr[-4000:]))
    return obj_rel


def build(out, seed, nfuncs, nfiles, jobs, force):
    t0 = time.monotonic()
    out = os.path.abspath(out)
    with open(os.path.abspath(__file__), "rb") as fh:
        script_hash = hashlib.sha256(fh.read()).hexdigest()[:16]
    params = {"version": GENERATOR_VERSION, "seed": seed, "functions": nfuncs,
              "files": nfiles, "generator": script_hash}
    stamp = os.path.join(out, "zephyr", "fwbench.json")
    elf = os.path.join(out, "zephyr", "zephyr.elf")
    mapf = os.path.join(out, "zephyr", "zephyr.map")
    if not force and os.path.exists(elf) and os.path.exists(mapf):
        try:
            with open(stamp, encoding="utf-8") as fh:
                if json.load(fh).get("params") == params:
                    log("up to date: %s (use --force to rebuild)" % mapf)
                    return 0
        except (OSError, ValueError):
            pass
    ours = os.path.exists(os.path.join(out, "source", "include", "fw.h"))
    if not ours and os.path.exists(os.path.join(out, "zephyr")):
        raise RuntimeError("%s already holds a build that this script did not make; "
                           "choose another --out" % out)
    if force and ours:
        for sub in ("source", "zephyr", "app", "modules"):
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    if os.path.exists(stamp):
        os.unlink(stamp)

    libs, files = make_plan(seed, nfuncs, nfiles)
    nfn = sum(len(f.fns) for f in files)
    log("plan: %d libraries, %d files, %d functions (%d live)" % (
        len(libs), len(files), nfn, sum(1 for f in files for fn in f.fns if fn.live)))

    write_if_changed(os.path.join(out, "source/include/fw.h"), HEADER)
    for rel, text in FIXED_SOURCES.items():
        write_if_changed(os.path.join(out, rel), text)
    write_if_changed(os.path.join(out, "source/zephyr/isr_tables.c"),
                     gen_isr_tables(files, seed))
    write_if_changed(os.path.join(out, "source/app/src/main.c"), gen_main(files))
    for f in files:
        write_if_changed(os.path.join(out, f.src_rel), gen_source(f, seed))
    write_if_changed(os.path.join(out, "zephyr/linker.cmd"), gen_linker_script())
    t_gen = time.monotonic()
    log("sources written in %.1f s" % (t_gen - t0))

    units = [(f.src_rel, f.obj_rel) for f in files]
    units += [(s, o) for s, o, _ in FIXED_OBJECTS]
    todo = [(s, o) for s, o in units
            if needs_build(os.path.join(out, s), os.path.join(out, o))]
    log("compiling %d of %d objects with %d jobs" % (len(todo), len(units), jobs))
    done = 0
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for _ in pool.map(lambda u: compile_one(out, *u), todo):
            done += 1
            if done % 50 == 0:
                log("  %d/%d" % (done, len(todo)))
    t_cc = time.monotonic()
    log("compiled in %.1f s" % (t_cc - t_gen))

    members = {}
    for f in files:
        members.setdefault(f.lib.archive, []).append(f.obj_rel)
    for _s, o, a in FIXED_OBJECTS:
        if a:
            members.setdefault(a, []).append(o)
    for archive, objs in members.items():
        path = os.path.join(out, archive)
        if os.path.exists(path):
            os.unlink(path)
        subprocess.run([AR, "qcD", archive] + objs, cwd=out, check=True)
        subprocess.run([AR, "sD", archive], cwd=out, check=True)

    # Link like Zephyr: loose objects, whole archives, then ordinary archives.
    whole = [lib.archive for lib in libs if lib.whole]
    plain = [lib.archive for lib in libs if not lib.whole]
    plain.append("zephyr/lib/libc/minimal/liblib__libc__minimal.a")
    loose = [o for _s, o, a in FIXED_OBJECTS if a is None]
    cmd = [CC] + CPU_FLAGS + [
        "-nostdlib", "-nostartfiles", "-static",
        "-Wl,-Map=zephyr/zephyr.map", "-Wl,--gc-sections", "-Wl,--print-memory-usage",
        "-Wl,--sort-common=descending",
        "-Wl,--no-warn-rwx-segments", "-Wl,--orphan-handling=warn",
        "-Wl,--defsym=vfprintf=z_log_msg_runtime_create",
        "-o", "zephyr/zephyr.elf"] + loose + [
        "-Wl,--whole-archive"] + whole + ["-Wl,--no-whole-archive"] + [
        "-Wl,--start-group"] + plain + ["-lgcc", "-Wl,--end-group",
                                       "-Wl,-T", "zephyr/linker.cmd"]
    log("linking")
    res = subprocess.run(cmd, cwd=out, capture_output=True, text=True)
    with open(os.path.join(out, "zephyr", "link.log"), "w", encoding="utf-8") as fh:
        fh.write(" ".join(cmd) + "\n" + res.stdout + res.stderr)
    if res.returncode != 0:
        sys.stderr.write(res.stdout + res.stderr)
        raise RuntimeError("link failed")
    sys.stdout.write(res.stdout)
    if res.stderr.strip():
        sys.stderr.write(res.stderr)
    t_ld = time.monotonic()
    log("linked in %.1f s" % (t_ld - t_cc))

    write_if_changed(os.path.join(out, "zephyr/.config"), gen_config(nfuncs, seed))
    write_if_changed(os.path.join(out, "zephyr/zephyr.dts"), gen_dts())
    info = {"params": params, "functions": nfn,
            "map_bytes": os.path.getsize(mapf), "elf_bytes": os.path.getsize(elf),
            "seconds": round(t_ld - t0, 1)}
    with open(stamp, "w", encoding="utf-8") as fh:
        json.dump(info, fh, indent=1)
        fh.write("\n")
    log("map %d bytes, elf %d bytes, total %.1f s" % (
        info["map_bytes"], info["elf_bytes"], t_ld - t0))
    return 0


def main():
    ap = argparse.ArgumentParser(
        description="Generate, compile and link a large Zephyr-like firmware whose "
                    "<out>/zephyr/zephyr.map is the input of bench/run.sh.")
    ap.add_argument("--out", default="build/bench",
                    help="build directory to create (default: build/bench)")
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--functions", type=int, default=25000)
    ap.add_argument("--files", type=int, default=420)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = ap.parse_args()
    for tool in (CC, AR):
        if shutil.which(tool) is None:
            sys.stderr.write("gen_firmware: %s not found (gcc-arm-none-eabi)\n" % tool)
            return 2
    try:
        return build(args.out, args.seed, args.functions, args.files, args.jobs, args.force)
    except RuntimeError as e:
        sys.stderr.write("gen_firmware: %s\n" % e)
        return 1


if __name__ == "__main__":
    sys.exit(main())
