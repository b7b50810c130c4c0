# Finds what the dbpush targets link to. Shared by the build tree and by the
# installed dbpush-config.cmake, so both resolve dependencies the same way.
if(CMAKE_FIND_PACKAGE_NAME)  # included from dbpush-config.cmake
  include(CMakeFindDependencyMacro)
  macro(dbpush_find_dependency)
    find_dependency(${ARGV})
  endmacro()
else()
  macro(dbpush_find_dependency)
    find_package(${ARGV} REQUIRED)
  endmacro()
endif()

dbpush_find_dependency(Boost 1.81 CONFIG)
dbpush_find_dependency(SQLiteCpp CONFIG)
if(DBPUSH_WITH_POSTGRES)
  # Debian's libpqxx 6.4 ships pkg-config data but no CMake package.
  dbpush_find_dependency(PkgConfig)
  pkg_check_modules(DBPUSH_PQXX REQUIRED IMPORTED_TARGET libpqxx)
  if(NOT TARGET dbpush_libpqxx)
    add_library(dbpush_libpqxx INTERFACE IMPORTED)
    target_link_libraries(dbpush_libpqxx INTERFACE PkgConfig::DBPUSH_PQXX)
  endif()
endif()
