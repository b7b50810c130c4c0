// dbpush: the compile-time errors of models, as values (db::validate<T>(),
// model/validation.hpp turns them into static_asserts).
#pragma once

#include <cstdint>
#include <string_view>

namespace db {

enum class model_error : std::uint8_t {
  none,
  // the struct itself: checked first, before anything is reflected
  not_a_struct,
  not_an_aggregate,
  has_base_class,
  c_array_member,
  reference_member,
  // the db::model<T> specialisation
  unknown_model_member,
  model_member_misdeclared,
  // fields and declarations
  no_primary_key,
  two_primary_keys,
  nullable_primary_key,
  autoincrement_not_integer_key,
  autoincrement_with_default,
  default_type_mismatch,
  member_of_other_struct,
  ignored_field_used,
  annotation_repeated,
  field_repeated,
  index_repeated,
  empty_name,
  renamed_from_itself,
  foreign_key_type_mismatch,
  referenced_key_not_unique,
  set_null_on_required,
  set_default_without_default,
  duplicate_column,
  unsupported_type,
  // found by db::schema_of<Models...> over the whole list
  referenced_model_missing,
  duplicate_table,
  duplicate_enum_name,
};

// The first error of a model: which, what it is about, and the annotation,
// option or type in question where there is one.
struct model_validation {
  model_error error = model_error::none;
  // "&ns::Model::field" for a field (as a member pointer is written), else the
  // model's name.
  std::string_view field{};
  // e.g. "db::column_name", "indexs", the unsupported type "char", or
  // "field 2 (counting from 1)" for a C array field (whose name cannot be read).
  std::string_view detail{};
};
// The former name of model_validation ("check" is the destructive-change checker).
using model_check [[deprecated("dbpush: db::model_check is now db::model_validation")]] = model_validation;

}  // namespace db
