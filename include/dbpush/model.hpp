// dbpush: the model DSL. Declare models as plain structs plus a db::model<T>
// specialisation (docs/models.md); db::schema_of<Models...>(dialect) gives the
// target schema.
#pragma once

#include <dbpush/model/annotations.hpp>
#include <dbpush/model/description.hpp>
#include <dbpush/model/model_error.hpp>
#include <dbpush/model/schema_of.hpp>
#include <dbpush/model/types.hpp>
#include <dbpush/model/validation.hpp>
