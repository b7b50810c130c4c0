# Installs the headers and a CMake package: find_package(dbpush CONFIG REQUIRED),
# then link dbpush::dbpush, dbpush::sqlite or dbpush::postgres.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DBPUSH_CMAKE_DIR ${CMAKE_INSTALL_DATADIR}/cmake/dbpush)

install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS ${dbpush_targets} EXPORT dbpush-targets)
install(EXPORT dbpush-targets NAMESPACE dbpush:: DESTINATION ${DBPUSH_CMAKE_DIR})
export(EXPORT dbpush-targets NAMESPACE dbpush:: FILE ${PROJECT_BINARY_DIR}/dbpush-targets.cmake)

configure_package_config_file(cmake/dbpush-config.cmake.in
  ${PROJECT_BINARY_DIR}/dbpush-config.cmake INSTALL_DESTINATION ${DBPUSH_CMAKE_DIR})
# Header-only: the package fits any architecture.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/dbpush-config-version.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES
  ${PROJECT_BINARY_DIR}/dbpush-config.cmake
  ${PROJECT_BINARY_DIR}/dbpush-config-version.cmake
  cmake/dbpush-dependencies.cmake
  DESTINATION ${DBPUSH_CMAKE_DIR})
