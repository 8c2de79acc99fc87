# SPDX-License-Identifier: Apache-2.0
# Builds a sample the way an nRF Connect SDK build (child images, Partition Manager)
# lays out its build directory, without needing the SDK: the application in
# <build>/zephyr/, MCUboot in <build>/mcuboot/zephyr/, partitions.yml and regions.yml
# at the top. Only the file layout and the link are imitated; nothing here is Kconfig.

if(CMAKE_VERSION VERSION_LESS 3.24)  # $<LINK_LIBRARY:WHOLE_ARCHIVE> and $<LINK_GROUP>
  message(FATAL_ERROR "the flashlint samples need CMake 3.24 or newer")
endif()

set(FL_SAMPLES_COMMON "${CMAKE_CURRENT_LIST_DIR}/.." CACHE INTERNAL "")
get_filename_component(FL_SAMPLES_COMMON "${FL_SAMPLES_COMMON}" ABSOLUTE)
get_filename_component(_fl_repo "${FL_SAMPLES_COMMON}/../.." ABSOLUTE)

# The post-link hook: on by default when a flashlint executable is known.
option(FLASHLINT_HOOK "run `flashlint check` on the build directory after linking" ON)
set(FLASHLINT_EXECUTABLE "" CACHE FILEPATH "flashlint executable for the post-link check")
include("${_fl_repo}/cmake/Flashlint.cmake")

# FLASHLINT_ZEPHYR_MODULE=<module root> builds the sample as Zephyr would with that
# module: its CMake is added before the link targets (with the CONFIG_FLASHLINT*
# values given on the command line, as Kconfig would set them), and the final
# link's POST_BUILD runs extra_post_build_commands, where a stand-in for the
# signing of cmake/mcuboot.cmake comes after the modules' commands.
set(FLASHLINT_ZEPHYR_MODULE "" CACHE PATH "build with this Zephyr module, as Zephyr does")
if(FLASHLINT_ZEPHYR_MODULE)
  set(APPLICATION_BINARY_DIR "${CMAKE_BINARY_DIR}")
  add_subdirectory("${FLASHLINT_ZEPHYR_MODULE}/zephyr" "${CMAKE_BINARY_DIR}/modules/flashlint")
endif()

# The generic (bare-metal) platform defines no link features; these are GNU ld's.
set(CMAKE_C_LINK_LIBRARY_USING_WHOLE_ARCHIVE
    "LINKER:--whole-archive" "<LINK_ITEM>" "LINKER:--no-whole-archive")
set(CMAKE_C_LINK_LIBRARY_USING_WHOLE_ARCHIVE_SUPPORTED TRUE)
set(CMAKE_C_LINK_GROUP_USING_RESCAN "LINKER:--start-group" "LINKER:--end-group")
set(CMAKE_C_LINK_GROUP_USING_RESCAN_SUPPORTED TRUE)

# fl_sample_import_kconfig(<prefix> <.config> <autoconf.h>)
# Reads CONFIG_FOO=value lines into CMake variables <prefix>CONFIG_FOO (in the
# caller's scope) and writes the autoconf.h that Zephyr would generate from them.
function(fl_sample_import_kconfig prefix config out_header)
  file(STRINGS "${config}" lines REGEX "^CONFIG_[A-Za-z0-9_]+=")
  set(defs "/* Generated from ${config}; do not edit. */\n")
  foreach(line IN LISTS lines)
    if(line MATCHES "^(CONFIG_[A-Za-z0-9_]+)=(.*)$")
      set(name "${CMAKE_MATCH_1}")
      set(value "${CMAKE_MATCH_2}")
      set(${prefix}${name} "${value}" PARENT_SCOPE)
      if(value STREQUAL "y")
        string(APPEND defs "#define ${name} 1\n")
      elseif(NOT value STREQUAL "n")
        string(APPEND defs "#define ${name} ${value}\n")
      endif()
    endif()
  endforeach()
  file(CONFIGURE OUTPUT "${out_header}" CONTENT "${defs}" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${config}")
endfunction()

# fl_sample_pm_config(<partitions.yml> <pm_config.h>)
# Writes the PM_<NAME>_ADDRESS/_END_ADDRESS/_SIZE/_NAME (and _DEV_NAME for
# partitions on an external device) defines of the Partition Manager's pm_config.h.
# partitions.yml is what PM writes: top-level names, two-space indented keys.
function(fl_sample_pm_config yml out_header)
  file(STRINGS "${yml}" lines)
  set(defs "/* Generated from ${yml}; do not edit. */\n")
  set(part "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^([a-z0-9_]+):$")
      string(TOUPPER "${CMAKE_MATCH_1}" part)
      string(APPEND defs "#define PM_${part}_NAME \"${CMAKE_MATCH_1}\"\n")
    elseif(part AND line MATCHES "^  (address|end_address|size): (0x[0-9a-fA-F]+)$")
      string(TOUPPER "${CMAKE_MATCH_1}" key)
      string(APPEND defs "#define PM_${part}_${key} ${CMAKE_MATCH_2}\n")
    elseif(part AND line MATCHES "^  device: ([A-Za-z0-9_]+)$")
      string(APPEND defs "#define PM_${part}_DEV_NAME \"${CMAKE_MATCH_1}\"\n")
    endif()
  endforeach()
  file(CONFIGURE OUTPUT "${out_header}" CONTENT "${defs}" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${yml}")
endfunction()

# _fl_sample_lib(<target> <output dir> <output name> <image> SOURCES...)
# A static library named and placed like Zephyr's (e.g. zephyr/kernel/libkernel.a),
# so map owners read `zephyr/kernel/libkernel.a(init.c.obj)`.
function(_fl_sample_lib target dir name image)
  add_library(${target} STATIC ${ARGN})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${name}
    ARCHIVE_OUTPUT_DIRECTORY "${dir}")
  target_link_libraries(${target} PUBLIC ${image}options)
endfunction()

# fl_sample_zephyr_image(
#   IMAGE <prefix>                 target prefix, unique per image ("" for the app)
#   CONFIG <.config>               this image's Kconfig output, copied to zephyr/.config
#   LINKER_SCRIPT <script>         the final linker script
#   PARTITIONS <partitions.yml>    for the generated pm_config.h
#   APP_SOURCES <files>...         linked --whole-archive from app/libapp.a
#   [EXTRA_LIBS <targets>...]      further libraries (e.g. MCUboot's bootutil)
#   [ZEPHYR_SOURCES <files>...]    extra members of zephyr/libzephyr.a
#   [INCLUDES <dirs>...])
# Creates <prefix>zephyr_final producing zephyr/zephyr.elf and zephyr/zephyr.map
# under the current binary directory, which is the image's build directory. The link
# runs from there, so archive paths in the map are relative to it, as in Zephyr.
function(fl_sample_zephyr_image)
  cmake_parse_arguments(A "" "IMAGE;CONFIG;LINKER_SCRIPT;PARTITIONS"
                        "APP_SOURCES;EXTRA_LIBS;ZEPHYR_SOURCES;INCLUDES" ${ARGN})
  set(p "${A_IMAGE}")
  set(bin "${CMAKE_CURRENT_BINARY_DIR}")
  set(gen "${bin}/zephyr/include/generated")
  set(z "${FL_SAMPLES_COMMON}/zephyr")

  fl_sample_import_kconfig(K_ "${A_CONFIG}" "${gen}/autoconf.h")
  fl_sample_pm_config("${A_PARTITIONS}" "${gen}/pm_config.h")

  if(K_CONFIG_SOC_NRF5340_CPUAPP)
    set(cpu cortex-m33)
  elseif(K_CONFIG_SOC_NRF52840)
    set(cpu cortex-m4)
  else()
    message(FATAL_ERROR "${A_CONFIG}: no supported CONFIG_SOC_* (nRF5340 app core or nRF52840)")
  endif()

  # Compile and link options of a Zephyr build (size-optimised, freestanding,
  # one section per function and object so the map shows every symbol).
  add_library(${p}options INTERFACE)
  target_compile_options(${p}options INTERFACE
    -mcpu=${cpu} -mthumb -mabi=aapcs -Os -std=c11 -ffreestanding -fno-common
    -ffunction-sections -fdata-sections -fno-strict-aliasing -Wall -Wno-main
    -imacros "${gen}/autoconf.h")
  target_include_directories(${p}options INTERFACE "${z}/include" "${gen}" ${A_INCLUDES})

  set(zephyr_sources "${z}/lib/os/printk.c" "${z}/lib/libc/minimal/string.c"
      ${A_ZEPHYR_SOURCES})
  _fl_sample_lib(${p}zephyr "${bin}/zephyr" zephyr "${p}" ${zephyr_sources})
  _fl_sample_lib(${p}kernel "${bin}/zephyr/kernel" kernel "${p}"
    "${z}/kernel/init.c" "${z}/kernel/xip.c" "${z}/kernel/sched.c" "${z}/kernel/sem.c")
  _fl_sample_lib(${p}arch "${bin}/zephyr/arch/arch/arm/core/cortex_m"
    arch__arm__core__cortex_m "${p}"
    "${z}/arch/arm/core/cortex_m/vector_table.c" "${z}/arch/arm/core/cortex_m/reset.c"
    "${z}/arch/arm/core/cortex_m/fault.c" "${z}/arch/arm/core/cortex_m/irq_manage.c")
  _fl_sample_lib(${p}drivers_serial "${bin}/zephyr/drivers/serial" drivers__serial "${p}"
    "${z}/drivers/serial/uart_nrfx_uarte.c")
  set(flash_sources "${z}/drivers/flash/soc_flash_nrf.c")
  if(K_CONFIG_NORDIC_QSPI_NOR)
    list(APPEND flash_sources "${z}/drivers/flash/nrf_qspi_nor.c")
  endif()
  _fl_sample_lib(${p}drivers_flash "${bin}/zephyr/drivers/flash" drivers__flash "${p}"
    ${flash_sources})
  _fl_sample_lib(${p}app "${bin}/app" app "${p}" ${A_APP_SOURCES})

  # Generated in the build tree: a source outside it would give the object a path
  # that embeds the checkout location, and that path is printed in the map.
  file(CONFIGURE OUTPUT "${bin}/zephyr/misc/empty_file.c" CONTENT
       "/* SPDX-License-Identifier: Apache-2.0 */\n/* The final link's own source; all code comes from the libraries. */\n")
  add_executable(${p}zephyr_final "${bin}/zephyr/misc/empty_file.c")
  set_target_properties(${p}zephyr_final PROPERTIES
    OUTPUT_NAME zephyr SUFFIX ".elf"
    RUNTIME_OUTPUT_DIRECTORY "${bin}/zephyr"
    LINK_DEPENDS "${A_LINKER_SCRIPT};${FL_SAMPLES_COMMON}/linker/zephyr_sections.ld")
  target_link_options(${p}zephyr_final PRIVATE
    -nostdlib -static "-Wl,-L,${FL_SAMPLES_COMMON}/linker" "-Wl,-T,${A_LINKER_SCRIPT}"
    "-Wl,-Map=${bin}/zephyr/zephyr.map" -Wl,--print-memory-usage
    -Wl,--gc-sections -Wl,--build-id=none -Wl,--sort-common=descending
    -Wl,--sort-section=alignment -Wl,-X -Wl,-N -Wl,--orphan-handling=warn
    -Wl,--no-warn-rwx-segments)
  # The application library is linked whole, the rest as one group, as in Zephyr.
  set(group ${p}zephyr ${p}kernel ${p}arch ${p}drivers_serial ${p}drivers_flash ${A_EXTRA_LIBS})
  list(JOIN group "," group)
  target_link_libraries(${p}zephyr_final PRIVATE ${p}options
    "$<LINK_LIBRARY:WHOLE_ARCHIVE,${p}app>" "$<LINK_GROUP:RESCAN,${group}>")

  # zephyr/.config is an output of the image's build, like the ELF.
  add_custom_command(OUTPUT "${bin}/zephyr/.config"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${A_CONFIG}" "${bin}/zephyr/.config"
    DEPENDS "${A_CONFIG}" VERBATIM)
  add_custom_target(${p}kconfig ALL DEPENDS "${bin}/zephyr/.config")
  add_dependencies(${p}zephyr_final ${p}kconfig)

  if(FLASHLINT_ZEPHYR_MODULE AND p STREQUAL "")
    set_property(GLOBAL APPEND PROPERTY extra_post_build_commands
      COMMAND ${CMAKE_COMMAND} -E echo "signing zephyr.elf, a stand-in for imgtool sign"
      COMMAND ${CMAKE_COMMAND} -E touch "${bin}/zephyr/zephyr.signed.stamp")
    get_property(extra GLOBAL PROPERTY extra_post_build_commands)
    add_custom_command(TARGET zephyr_final POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E echo "Generating files from ${bin}/zephyr/zephyr.elf"
      ${extra}
      COMMAND_EXPAND_LISTS)
  endif()
endfunction()

# fl_sample_layout_files(<target> <src>=<dst>...)
# Copies committed layout files (partitions.yml, regions.yml) into the build
# directory at build time, where Partition Manager would have written them.
function(fl_sample_layout_files target)
  set(outputs)
  foreach(pair IN LISTS ARGN)
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 src)
    list(GET pair 1 dst)
    add_custom_command(OUTPUT "${dst}"
      COMMAND ${CMAKE_COMMAND} -E copy_if_different "${src}" "${dst}"
      DEPENDS "${src}" VERBATIM)
    list(APPEND outputs "${dst}")
  endforeach()
  add_custom_target(${target} ALL DEPENDS ${outputs})
endfunction()

# fl_sample_mcuboot(CONFIG <mcuboot .config> LINKER_SCRIPT <script> PARTITIONS <yml>)
# The MCUboot child image in <build>/mcuboot/, linked at the start of flash.
function(fl_sample_mcuboot)
  cmake_parse_arguments(A "" "CONFIG;LINKER_SCRIPT;PARTITIONS" "" ${ARGN})
  set(FL_MCUBOOT_CONFIG "${A_CONFIG}")
  set(FL_MCUBOOT_LINKER_SCRIPT "${A_LINKER_SCRIPT}")
  set(FL_MCUBOOT_PARTITIONS "${A_PARTITIONS}")
  add_subdirectory("${FL_SAMPLES_COMMON}/mcuboot" "${CMAKE_BINARY_DIR}/mcuboot")
endfunction()
