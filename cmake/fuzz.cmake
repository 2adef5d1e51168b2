# samverkan_fuzz(NAME SOURCES file... [MODULES module...] [LIBS target...])
#
# A libFuzzer target `fuzz_<NAME>` (clang only, the `fuzz` preset), built from exactly the sources
# it exercises (MODULES: whose headers it includes, without linking the whole module), under AddressSanitizer and UndefinedBehaviorSanitizer. `fuzz_all` builds them all;
# scripts/fuzz.sh runs each briefly (CI does).
include_guard(GLOBAL)

option(SAMVERKAN_FUZZ "Build libFuzzer targets (needs clang)" OFF)
if(SAMVERKAN_FUZZ)
  add_custom_target(fuzz_all)
endif()

function(samverkan_fuzz NAME)
  cmake_parse_arguments(ARG "" "" "SOURCES;MODULES;LIBS" ${ARGN})
  if(NOT SAMVERKAN_FUZZ)
    return()
  endif()
  add_executable(fuzz_${NAME} ${ARG_SOURCES})
  target_compile_options(fuzz_${NAME} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_${NAME} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_${NAME} PRIVATE ${ARG_LIBS})
  foreach(module IN LISTS ARG_MODULES)
    target_include_directories(fuzz_${NAME} PRIVATE "${PROJECT_BINARY_DIR}/include/${module}")
  endforeach()
  set_target_properties(fuzz_${NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/fuzz")
  add_dependencies(fuzz_all fuzz_${NAME})
endfunction()
