# samverkan_module(NAME [DEPS module...] [LIBS target...])
#
# Makes the library target `sv_<NAME>` from src/<NAME>/*.cc (tests, benchmarks and fuzz targets
# excluded) and registers src/<NAME>/*_test.cc as one GoogleTest executable `<NAME>_test`.
#
# Each module gets its own include root, build/include/<NAME>, holding only a link `<NAME>` to
# src/<NAME>. A source file includes "core/status.h" only when its module links sv_core, so a module
# that includes a header of a module it does not depend on (a module above it) fails to compile.
# DEPS are other samverkan modules (public: their headers appear in this module's headers);
# LIBS are third-party targets. TEST_DEPS are modules only the tests link (a test may build its
# records through the services of modules above, as the retention tests of `disclosure` do).
include_guard(GLOBAL)

function(samverkan_module NAME)
  cmake_parse_arguments(ARG "" "" "DEPS;LIBS;PRIVATE_LIBS;TEST_DEPS" ${ARGN})
  set(dir "${PROJECT_SOURCE_DIR}/src/${NAME}")
  file(GLOB sources CONFIGURE_DEPENDS "${dir}/*.cc" "${dir}/detail/*.cc")
  list(FILTER sources EXCLUDE REGEX "_(test|bench|fuzz)\\.cc$")

  set(include_root "${PROJECT_BINARY_DIR}/include/${NAME}")
  file(MAKE_DIRECTORY "${include_root}")
  if(NOT EXISTS "${include_root}/${NAME}")
    file(CREATE_LINK "${dir}" "${include_root}/${NAME}" SYMBOLIC)
  endif()

  set(deps "")
  foreach(dep IN LISTS ARG_DEPS)
    list(APPEND deps "sv_${dep}")
  endforeach()

  if(sources)
    add_library(sv_${NAME} STATIC ${sources})
    target_include_directories(sv_${NAME} PUBLIC "${include_root}")
    target_link_libraries(sv_${NAME} PUBLIC ${deps} ${ARG_LIBS} PRIVATE ${ARG_PRIVATE_LIBS}
                          samverkan_warnings)
  else()
    add_library(sv_${NAME} INTERFACE)
    target_include_directories(sv_${NAME} INTERFACE "${include_root}")
    target_link_libraries(sv_${NAME} INTERFACE ${deps} ${ARG_LIBS})
  endif()

  file(GLOB tests CONFIGURE_DEPENDS "${dir}/*_test.cc")
  if(tests AND SAMVERKAN_BUILD_TESTS)
    add_executable(${NAME}_test ${tests})
    set(test_deps "")
    foreach(dep IN LISTS ARG_TEST_DEPS)
      list(APPEND test_deps "sv_${dep}")
    endforeach()
    target_link_libraries(${NAME}_test PRIVATE sv_${NAME} ${test_deps} ${ARG_PRIVATE_LIBS}
                          samverkan_testing
                          GTest::gtest_main samverkan_warnings)
    gtest_discover_tests(${NAME}_test DISCOVERY_MODE PRE_TEST
                         PROPERTIES LABELS "unit-${NAME}"
                         ENVIRONMENT "SAMVERKAN_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  endif()

  file(GLOB benches CONFIGURE_DEPENDS "${dir}/*_bench.cc")
  if(benches AND SAMVERKAN_BUILD_BENCHMARKS)
    add_executable(${NAME}_bench ${benches})
    target_link_libraries(${NAME}_bench PRIVATE sv_${NAME} benchmark::benchmark_main
                          samverkan_warnings)
  endif()
endfunction()
