# Third-party libraries, all from Debian 12 packages (scripts/install-deps.sh installs them).
# Why each one was chosen: docs/dependencies.md.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(toml11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
find_package(OpenSSL REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf)
# libphonenumber 8.12 ships no CMake package on Debian 12.
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
add_library(samverkan::phonenumber INTERFACE IMPORTED)
target_include_directories(samverkan::phonenumber INTERFACE "${PHONENUMBER_INCLUDE_DIR}")
target_link_libraries(samverkan::phonenumber INTERFACE "${PHONENUMBER_LIBRARY}")
# simdjson: the ad monitoring engine's line parser (src/ads only).
find_package(simdjson REQUIRED)
# CLD2 ships no CMake or pkg-config package on Debian 12.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
add_library(samverkan::cld2 INTERFACE IMPORTED)
target_include_directories(samverkan::cld2 INTERFACE "${CLD2_INCLUDE_DIR}")
target_link_libraries(samverkan::cld2 INTERFACE "${CLD2_LIBRARY}")
# Eigen 3.4: the linear algebra of the GLM engine (src/stats only, kept out of its headers).
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(PostgreSQL REQUIRED)
find_package(SQLite3 REQUIRED)
if(SAMVERKAN_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(SAMVERKAN_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

# Boost.Asio/Beast with C++20 coroutines. Kept out of public headers: only .cc files of `http`
# (and tests that speak raw HTTP) see it.
add_library(samverkan::asio INTERFACE IMPORTED)
target_link_libraries(samverkan::asio INTERFACE Boost::headers Threads::Threads)
target_compile_definitions(samverkan::asio INTERFACE BOOST_ASIO_NO_DEPRECATED
                           BOOST_BEAST_USE_STD_STRING_VIEW)

# SOCI 4.0 ships no CMake package on Debian 12.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
add_library(samverkan::soci INTERFACE IMPORTED)
target_include_directories(samverkan::soci INTERFACE "${SOCI_INCLUDE_DIR}" "${SOCI_INCLUDE_DIR}/soci"
                           ${PostgreSQL_INCLUDE_DIRS})
target_link_libraries(samverkan::soci INTERFACE ${SOCI_SQLITE3_LIBRARY} ${SOCI_POSTGRESQL_LIBRARY}
                      ${SOCI_CORE_LIBRARY} SQLite::SQLite3 PostgreSQL::PostgreSQL ${CMAKE_DL_LIBS})
# SOCI's shared libraries do not export the typeinfo of its statement classes, which UBSan's vptr
# check needs at link time: code that uses SOCI is built without that one check.
if(SAMVERKAN_SANITIZE MATCHES "undefined")
  target_compile_options(samverkan::soci INTERFACE -fno-sanitize=vptr)
endif()
