# Finds what the dbpush targets link to. Shared by the build tree and by the
# installed dbpush-config.cmake, so both resolve dependencies the same way.
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.81 CONFIG)
find_dependency(SQLiteCpp CONFIG)
if(NOT DEFINED DBPUSH_WITH_POSTGRES OR DBPUSH_WITH_POSTGRES)
  # Debian's libpqxx 6.4 ships pkg-config data but no CMake package.
  find_dependency(PkgConfig)
  pkg_check_modules(DBPUSH_PQXX REQUIRED IMPORTED_TARGET libpqxx)
  if(NOT TARGET dbpush_libpqxx)
    add_library(dbpush_libpqxx INTERFACE IMPORTED)
    target_link_libraries(dbpush_libpqxx INTERFACE PkgConfig::DBPUSH_PQXX)
  endif()
endif()
