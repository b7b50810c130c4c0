// dbpush: everything that does not need a database driver: the model DSL and the
// neutral schema. Pushing lives in <dbpush/sqlite.hpp> and <dbpush/postgres.hpp>.
#pragma once

#include <dbpush/model.hpp>
#include <dbpush/schema/schema.hpp>
