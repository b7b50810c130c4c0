# Installs headers, the CMake package, pkg-config files and the docs; nothing
# compiled (the CMake package compiles the engine in the user's build), so the
# installed files and the Debian package fit every architecture.
#   cmake --install build --prefix /opt/dbpush
#   cpack -G DEB --config build/CPackConfig.cmake    (libdbpush-dev_<version>_all.deb)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DBPUSH_CMAKE_DIR ${CMAKE_INSTALL_DATADIR}/cmake/dbpush)
set(DBPUSH_PKGCONFIG_DIR ${CMAKE_INSTALL_DATADIR}/pkgconfig)
# Debian keeps a package's docs under its own name.
set(DBPUSH_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/libdbpush-dev CACHE PATH "Where dbpush's docs are installed")

install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

configure_package_config_file(cmake/dbpush-config.cmake.in ${PROJECT_BINARY_DIR}/dbpush-config.cmake
  INSTALL_DESTINATION ${DBPUSH_CMAKE_DIR} PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/dbpush-config-version.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES
  ${PROJECT_BINARY_DIR}/dbpush-config.cmake
  ${PROJECT_BINARY_DIR}/dbpush-config-version.cmake
  cmake/dbpush-dependencies.cmake
  cmake/dbpush-engine.cmake
  DESTINATION ${DBPUSH_CMAKE_DIR})

# pkg-config: header-only use (the compiler alone cannot compile the engine once;
# docs/build.md shows the one .cpp to add for that). Relocatable: paths are
# relative to the .pc file.
#   dbpush           the headers      dbpush-sqlite    + SQLiteCpp     dbpush-postgres  + libpqxx
set(dbpush_pc_parts "dbpush||the model DSL and db::schema (header-only, C++20)|"
                    "dbpush-sqlite|dbpush sqlite3|push on SQLite through SQLiteCpp|-lSQLiteCpp")
if(DBPUSH_WITH_POSTGRES)
  list(APPEND dbpush_pc_parts "dbpush-postgres|dbpush libpqxx|push on PostgreSQL through libpqxx|")
endif()
file(RELATIVE_PATH dbpush_pc_to_prefix /${DBPUSH_PKGCONFIG_DIR} /)
string(REGEX REPLACE "/$" "" dbpush_pc_to_prefix "${dbpush_pc_to_prefix}")
foreach(part ${dbpush_pc_parts})
  string(REPLACE "|" ";" part "${part}")
  list(GET part 0 name)
  list(GET part 1 requires)
  list(GET part 2 description)
  list(GET part 3 libs)
  file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/pkgconfig/${name}.pc CONTENT [[
prefix=${pcfiledir}/@dbpush_pc_to_prefix@
includedir=${prefix}/@CMAKE_INSTALL_INCLUDEDIR@

Name: @name@
Description: dbpush: @description@
Version: @PROJECT_VERSION@
Requires: @requires@
Cflags: -I${includedir}
Libs: @libs@
]] @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/${name}.pc DESTINATION ${DBPUSH_PKGCONFIG_DIR})
endforeach()

install(FILES README.md DESTINATION ${DBPUSH_DOC_DIR})
install(DIRECTORY docs/ DESTINATION ${DBPUSH_DOC_DIR} FILES_MATCHING PATTERN "*.md")

# cpack -G DEB: libdbpush-dev, for Debian 12. Depends on what the headers and the
# CMake package use: Boost (>= 1.81: Debian 12's default libboost-dev is 1.74),
# SQLiteCpp, SQLite, libpqxx 6 (dbpush uses its 6.x API) and pkg-config (the
# CMake package finds libpqxx with it).
if(PROJECT_IS_TOP_LEVEL)
  set(CPACK_PACKAGE_NAME libdbpush-dev)
  set(CPACK_PACKAGE_VENDOR dbpush)
  set(CPACK_PACKAGE_CONTACT "dbpush maintainers")
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION} (C++20 headers)")
  set(CPACK_PACKAGE_DESCRIPTION "dbpush brings a SQLite or PostgreSQL database to the schema of C++ structs in one
transaction, refusing changes that would lose data. This package holds the headers,
the CMake package (targets dbpush::sqlite, dbpush::postgres) and pkg-config files.")
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE all)
  set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libboost1.81-dev | libboost-dev (>= 1.81), libsqlitecpp-dev (>= 3.2), libsqlite3-dev, pkgconf | pkg-config")
  if(DBPUSH_WITH_POSTGRES)
    string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libpqxx-dev (>= 6.4), libpqxx-dev (<< 7)")
  endif()
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cmake (>= 3.21), g++ (>= 4:12)")
  include(CPack)
endif()
