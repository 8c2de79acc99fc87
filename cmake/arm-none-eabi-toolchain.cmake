# SPDX-License-Identifier: Apache-2.0
# CMake toolchain file for the sample firmware: bare-metal Arm Cortex-M with the GNU
# Arm Embedded toolchain (Debian: gcc-arm-none-eabi, libnewlib-arm-none-eabi).
# The samples are linked for real at test time, so a missing compiler must stop the
# configure step with a message that says what to install, not a CMake internal error.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

# Toolchains installed outside PATH (Arm's tarballs, Zephyr SDK) can be named with
# ARM_NONE_EABI_TOOLCHAIN_PATH, either as a cache variable or in the environment.
if(NOT ARM_NONE_EABI_TOOLCHAIN_PATH AND DEFINED ENV{ARM_NONE_EABI_TOOLCHAIN_PATH})
  set(ARM_NONE_EABI_TOOLCHAIN_PATH "$ENV{ARM_NONE_EABI_TOOLCHAIN_PATH}")
endif()
set(ARM_NONE_EABI_TOOLCHAIN_PATH "${ARM_NONE_EABI_TOOLCHAIN_PATH}" CACHE PATH
    "directory holding bin/arm-none-eabi-gcc (empty: search PATH)")

set(_fl_hints)
if(ARM_NONE_EABI_TOOLCHAIN_PATH)
  list(APPEND _fl_hints "${ARM_NONE_EABI_TOOLCHAIN_PATH}/bin" "${ARM_NONE_EABI_TOOLCHAIN_PATH}")
endif()

find_program(ARM_NONE_EABI_GCC arm-none-eabi-gcc HINTS ${_fl_hints})
if(NOT ARM_NONE_EABI_GCC)
  message(FATAL_ERROR
    "arm-none-eabi-gcc not found. The flashlint samples are real firmware links and need "
    "the GNU Arm Embedded toolchain: `apt-get install gcc-arm-none-eabi "
    "libnewlib-arm-none-eabi`, or set ARM_NONE_EABI_TOOLCHAIN_PATH to its install prefix.")
endif()
get_filename_component(_fl_bin "${ARM_NONE_EABI_GCC}" DIRECTORY)

set(CMAKE_C_COMPILER "${ARM_NONE_EABI_GCC}")
set(CMAKE_ASM_COMPILER "${ARM_NONE_EABI_GCC}")
find_program(CMAKE_AR arm-none-eabi-ar HINTS "${_fl_bin}" REQUIRED)
find_program(CMAKE_RANLIB arm-none-eabi-ranlib HINTS "${_fl_bin}" REQUIRED)
find_program(CMAKE_OBJCOPY arm-none-eabi-objcopy HINTS "${_fl_bin}")
find_program(CMAKE_READELF arm-none-eabi-readelf HINTS "${_fl_bin}")

# Compiler checks cannot link a program without a linker script and start-up code.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Never pick up host libraries or headers.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
