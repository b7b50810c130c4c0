// Every public header, header-only mode, nothing called: the TU must compile to
// no dbpush code at all (see header-alone-emits-nothing.cmake).
#include <dbpush/cli.hpp>
#include <dbpush/dbpush.hpp>
#include <dbpush/diff_sql.hpp>
#include <dbpush/generators.hpp>
#include <dbpush/model.hpp>
#include <dbpush/postgres.hpp>
#include <dbpush/sqlite.hpp>
