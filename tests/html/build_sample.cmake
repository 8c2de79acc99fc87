# SPDX-License-Identifier: Apache-2.0
# Links one sample firmware for the HTML tests, as `make demo` does (post-link hook
# off, so a build that the hook would fail still completes), into a directory of
# its own: the sample tests delete and rebuild theirs while other tests run. A
# sample whose link fails by design (a region overflow) leaves its map; a build
# without a zephyr.map is a failure.
#   cmake -DSAMPLE=samples/NAME -DBUILD=DIR -DTOOLCHAIN=FILE -P build_sample.cmake
foreach(v SAMPLE BUILD TOOLCHAIN)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "build_sample.cmake: -D${v}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE ${BUILD})
execute_process(
  COMMAND ${CMAKE_COMMAND} -G "Unix Makefiles" -S ${SAMPLE} -B ${BUILD}
          -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN} -DFLASHLINT_HOOK=OFF
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring ${SAMPLE} failed:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
# zephyr/zephyr.map of the application, or <image>/zephyr/zephyr.map in a sysbuild.
file(GLOB maps ${BUILD}/zephyr/zephyr.map ${BUILD}/*/zephyr/zephyr.map)
if(NOT maps)
  message(FATAL_ERROR "building ${SAMPLE} left no zephyr/zephyr.map (exit ${rc}):\n${out}")
endif()
message(STATUS "${SAMPLE}: linked in ${BUILD} (build exit status ${rc})")
