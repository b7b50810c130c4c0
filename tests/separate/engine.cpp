// The one TU that holds dbpush's engine in separate-compilation mode.
#include <dbpush/impl/sqlite.hpp>
#include <dbpush/impl/postgres.hpp>
#include <dbpush/impl/tools.hpp>
