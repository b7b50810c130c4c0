// dbpush: compile-time checks of models, reported once at the boundary.
//
// detail::validation_of<T> (one consteval pass, model/detail/describe.hpp) names
// the first error; db::invalid_model turns it into a static_assert whose
// template arguments print the model, the field (as `&ns::Model::field`) and
// the annotation or type in question in the diagnostic:
//   In instantiation of 'struct db::invalid_model<Post, db::detail::fixed_name<17>{"&Post::author_id"},
//     db::model_error::..., db::detail::fixed_name<15>{"db::column_name"}>'
//   error: static assertion failed: dbpush: ...
// A struct that cannot be reflected is refused before anything else is read
// from it, and a model's own errors come before the list's: an invalid model
// gets one error.
// The concepts db::valid_model and db::pushable ask the same questions without
// failing, for requires-based checks.
#pragma once

#include <dbpush/model/detail/describe.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace db {

template <class Model, auto Field, model_error Error, auto Detail>
struct invalid_model {
  // The struct itself (checked first: nothing else can be read from it).
  static_assert(Error != model_error::not_a_struct,
                "dbpush: a model must be a struct (a class type): unions, enums and built-in types cannot be models");
  static_assert(Error != model_error::not_an_aggregate,
                "dbpush: models must be aggregates: remove user-declared constructors and virtual functions, and make "
                "every field public (no private or protected fields); keep behaviour in free functions, or keep this "
                "class and declare a plain struct as the model");
  static_assert(Error != model_error::has_base_class,
                "dbpush: models must be aggregates without base classes: move the base's fields into the struct");
  static_assert(Error != model_error::c_array_member,
                "dbpush: a field of the model is a C array (T x[N]), which cannot be reflected (its position is named "
                "last): use std::string for text, std::vector<std::byte> for bytes, or std::array<T, N> with db::ignore "
                "or a db::column_type<std::array<T, N>> specialisation");
  static_assert(Error != model_error::reference_member,
                "dbpush: a field of the model is a reference (T&, const T&, T&&), which cannot be a column: store the "
                "value (or std::optional of it), or keep the reference outside the model");
  // The db::model<T> specialisation.
  static_assert(Error != model_error::unknown_model_member,
                "dbpush: db::model<T> declares a member dbpush does not read (named last): the members are table, "
                "renamed_from, fields, primary_key, indexes and foreign_keys; correct the spelling, or it would be "
                "ignored");
  static_assert(Error != model_error::model_member_misdeclared,
                "dbpush: a member of db::model<T> has the wrong type (named last): table and renamed_from are strings "
                "(\"...\"), fields = db::fields(...), primary_key = db::primary_key_on<&T::a, ...>(), indexes = "
                "db::indexes(...), foreign_keys = db::foreign_keys(...)");
  // Fields and declarations.
  static_assert(Error != model_error::no_primary_key,
                "dbpush: the model has no primary key and no unique field: mark a field db::primary_key, add an "
                "integer field named `id`, declare `static constexpr auto primary_key = db::primary_key_on<&T::a, "
                "&T::b>();`, or mark a field db::unique");
  static_assert(Error != model_error::two_primary_keys,
                "dbpush: the model has two primary keys (the field named here is the second): keep db::primary_key "
                "on one field, or declare a composite key with `static constexpr auto primary_key = "
                "db::primary_key_on<&T::a, &T::b>();` and no field-level db::primary_key");
  static_assert(Error != model_error::nullable_primary_key,
                "dbpush: a primary key field is std::optional: primary key columns are NOT NULL; give the field a "
                "plain type, or use db::unique instead of a primary key for a nullable field");
  static_assert(Error != model_error::autoincrement_not_integer_key,
                "dbpush: db::autoincrement on a field that is not an integer primary key: remove db::autoincrement, "
                "or give the field an integer type and make it the model's only primary key field (db::primary_key)");
  static_assert(Error != model_error::autoincrement_with_default,
                "dbpush: an autoincrement key has a default: the database fills the key, so remove the default (or "
                "db::autoincrement; an integer field named `id` is an autoincrement key when the model declares no "
                "primary key)");
  static_assert(Error != model_error::default_type_mismatch,
                "dbpush: the type of db::default_value(...) does not match the field: use a bool for bool, an "
                "integer for integer fields, a number for float/double/decimal, a string literal for strings, "
                "dates and time points, an enumerator of the field's own enum; or db::default_sql(\"...\")");
  static_assert(Error != model_error::member_of_other_struct,
                "dbpush: an annotation names a member of another struct: db::field, db::index_on, db::unique_on, "
                "db::primary_key_on and db::foreign_key_on in db::model<T> take members of T (&T::member)");
  static_assert(Error != model_error::ignored_field_used,
                "dbpush: a field marked db::ignore is also annotated, keyed, indexed or referenced (the field named "
                "here; what, last): ignored fields are not columns, so nothing else about them means anything; remove "
                "db::ignore, or the other annotation, key, index or reference");
  static_assert(Error != model_error::annotation_repeated,
                "dbpush: an annotation or option is given twice (the annotation is named last): the second would "
                "replace the first; keep one (a field has one default: db::default_value, db::default_now or "
                "db::default_sql)");
  static_assert(Error != model_error::field_repeated,
                "dbpush: a field appears twice in one declaration (named last): list each field once in "
                "db::fields(...), and at most once in each db::index_on, db::unique_on, db::primary_key_on and "
                "db::foreign_key_on");
  static_assert(Error != model_error::index_repeated,
                "dbpush: the same index is declared twice (its first field is named here, the second declaration "
                "last): the same fields in the same order, uniqueness and db::where; keep one (db::unique and "
                "db::indexed on a field are unique_on / index_on over that field)");
  static_assert(Error != model_error::empty_name,
                "dbpush: an empty name or SQL text (the annotation is named last): db::column_name, db::renamed_from, "
                "db::named, db::where, db::default_sql, db::native and the members table and renamed_from need "
                "text; write it, or leave the annotation out");
  static_assert(Error != model_error::renamed_from_itself,
                "dbpush: renamed_from gives the current name: the hint says what the column or table used to be "
                "called; give the old name, or remove the hint");
  static_assert(Error != model_error::foreign_key_type_mismatch,
                "dbpush: the foreign key field's type differs from the referenced key's type: declare the field "
                "with the key's type, or std::optional of it for a nullable foreign key (one field per key field)");
  static_assert(Error != model_error::referenced_key_not_unique,
                "dbpush: the foreign key references fields that are neither the referenced model's primary key nor "
                "unique: reference its primary key, or mark the referenced field db::unique (db::unique_on<...> "
                "over the same fields for a composite foreign key)");
  static_assert(Error != model_error::set_null_on_required,
                "dbpush: a foreign key action sets NULL (named last) in a field that is not std::optional: the "
                "database could not store the NULL when the referenced row goes; make the field std::optional, or "
                "choose another action");
  static_assert(Error != model_error::set_default_without_default,
                "dbpush: a foreign key action sets the default (named last) in a field without one: declare "
                "db::default_value(...) on the field, or choose another action (set_null for a std::optional field)");
  static_assert(Error != model_error::duplicate_column,
                "dbpush: two fields map to the same column name (the field named here is the second): change "
                "db::column_name(\"...\") on one of them");
  static_assert(Error != model_error::unsupported_type,
                "dbpush: unsupported field type (named last): use bool, an integer type, float, double, std::string, "
                "std::vector<std::byte> or std::vector<std::uint8_t>, std::chrono::sys_time<D> (e.g. sys_seconds), "
                "std::chrono::sys_days or year_month_day, a scoped enum, or std::optional of one of these; or give "
                "a type override (db::varchar<N>, db::decimal<P,S>, db::uuid, db::json, db::jsonb, "
                "db::native(\"...\")), specialise db::column_type<T>, or mark the field db::ignore");
  static constexpr bool reported = true;
};

template <auto Model, auto Field, auto Other, model_error Error>
struct invalid_model_list {
  static_assert(Error != model_error::referenced_model_missing,
                "dbpush: a foreign key of the model named here references a model (the last name) that is not in "
                "the list given to db::push / db::schema_of: add that model to the list");
  static_assert(Error != model_error::duplicate_table,
                "dbpush: two models map to the same table name: give one of them another `static constexpr auto "
                "table = \"...\";` in its db::model specialisation");
  static_assert(Error != model_error::duplicate_enum_name,
                "dbpush: two different C++ enums with the same name are used (by the field named here and by the "
                "last model named): database enum types are named after the C++ enum, so rename one of the enums");
  static constexpr bool reported = true;
};

// The first error of model T (model_error::none when it is valid) and the field
// it is about.
template <class T>
consteval model_validation validate() {
  return detail::validation_of<T>;
}

template <class T>
concept valid_model = detail::validation_of<T>.error == model_error::none;

namespace detail {

template <class T>
struct model_report {
  static constexpr model_validation found = validation_of<T>;
  static constexpr bool reported = invalid_model<T, to_fixed_name<found.field.size()>(found.field), found.error,
                                                 to_fixed_name<found.detail.size()>(found.detail)>::reported;
};

// An error over the list: the model (and its position in the list), the field
// (by position, spelled only when reported, or already spelled) and the other
// model or name involved.
struct list_validation {
  model_error error = model_error::none;
  std::string_view model{}, field{}, other{};
  std::size_t model_position = 0;
  std::size_t field_index = no_field;
};

// Membership in a list of models as a base-class test: one lookup per
// reference instead of a fold over the whole list (quadratic in the list's
// length). Indexed, so a model listed twice is no error here (the duplicate
// table check reports it).
template <class T>
struct list_member {};
template <std::size_t I, class T>
struct indexed_list_member : list_member<T> {};
template <class Indices, class... Models>
struct model_set_of;
template <std::size_t... I, class... Models>
struct model_set_of<std::index_sequence<I...>, Models...> : indexed_list_member<I, Models>... {};
template <class... Models>
using model_set = model_set_of<std::index_sequence_for<Models...>, Models...>;

// Names the list gives to schema-wide things: each model's table, and each
// C++ enum a field holds (database enum types are named after the C++ enum).
// Two uses of one name must be uses of one thing (the same identity).
struct table_use {
  std::string_view name;
  std::size_t identity;  // the model's position: a model listed twice names its table twice
};
struct enum_use {
  std::string_view name;
  const void* identity;  // which C++ enum (as in default_description)
  std::string_view model;
  std::size_t model_position, field_index;
};

// The first use of a name that repeats an earlier name of another identity:
// `later` is the smallest such position, `earlier` the first position with
// that name and another identity (uses.size() when no name repeats). Sorting
// first keeps this n log n: 500 models compared pairwise exceed GCC's
// constexpr budget.
struct name_clash {
  std::size_t later, earlier;
};
template <class Use>
constexpr name_clash first_name_clash(std::span<const Use> uses) {
  std::vector<std::size_t> order(uses.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const int c = uses[a].name.compare(uses[b].name);
    return c < 0 || (c == 0 && a < b);
  });
  name_clash clash{uses.size(), uses.size()};
  for (std::size_t start = 0, end; start < order.size(); start = end) {
    const Use& first = uses[order[start]];
    // Within a name, positions ascend: the first other identity is the candidate.
    for (end = start + 1; end < order.size() && uses[order[end]].name == first.name; ++end)
      if (uses[order[end]].identity != first.identity && order[end] < clash.later) clash = {order[end], order[start]};
  }
  return clash;
}

// (Run only when every model of the list is valid: an invalid model's own error
// comes first, alone.)
template <class... Models>
consteval list_validation validate_list() {
  list_validation c;
  const auto record = [&](list_validation found) {
    if (c.error == model_error::none) c = found;
  };
  std::size_t position = 0;
  const auto check_references = [&]<class M>(std::type_identity<M>) {
    for_each_reference(field_specs<M>(), [&]<class Spec>(std::type_identity<Spec>, const field_options&) {
      using target = referenced_model<typename Spec::reference>;
      if constexpr (!std::is_base_of_v<list_member<target>, model_set<Models...>>)
        record({model_error::referenced_model_missing, type_name<M>, member_spelling<Spec::member>, type_name<target>,
                position});
    });
    for_each_spec(foreign_key_specs<M>(), [&]<class R, auto... Members>(std::type_identity<foreign_key_spec<R, Members...>>,
                                                                       const foreign_key_options&) {
      using target = referenced_model<R>;
      if constexpr (!std::is_base_of_v<list_member<target>, model_set<Models...>>)
        record({model_error::referenced_model_missing, type_name<M>, member_spelling<first_of<Members...>>,
                type_name<target>, position});
    });
    ++position;
  };
  (check_references(std::type_identity<Models>{}), ...);
  std::vector<enum_use> enums;
  position = 0;
  const auto collect_enums = [&]<class M>(std::type_identity<M>) {
    using facts = model_facts<M>;
    for (std::size_t i = 0; i < facts::size; ++i)
      if (const field_type_facts& t = facts::field_types[i];
          t.enum_identity && !facts::options[i].ignored && facts::types[i].kind == type_kind::enumeration)
        enums.push_back({t.enum_name, t.enum_identity, type_name<M>, position, i});
    ++position;
  };
  (collect_enums(std::type_identity<Models>{}), ...);
  if (const name_clash clash = first_name_clash<enum_use>(enums); clash.later < enums.size()) {
    const enum_use& later = enums[clash.later];
    record({model_error::duplicate_enum_name, later.model, {}, enums[clash.earlier].model, later.model_position,
            later.field_index});
  }
  constexpr std::array<std::string_view, sizeof...(Models)> names{type_name<Models>...};
  constexpr std::array<std::string_view, sizeof...(Models)> table_names{model_facts<Models>::table...};
  std::array<table_use, sizeof...(Models)> tables{};
  for (std::size_t i = 0; i < tables.size(); ++i) tables[i] = {table_names[i], i};
  if (const name_clash clash = first_name_clash<table_use>(tables); clash.later < tables.size())
    record({model_error::duplicate_table, names[clash.earlier], tables[clash.later].name, names[clash.later]});
  return c;
}

// The list's first error with its field spelled (&ns::Model::field).
template <class... Models>
consteval list_validation spelled_list_validation() {
  constexpr list_validation c = validate_list<Models...>();
  if constexpr (c.field_index == no_field) {
    return c;
  } else {
    using model = std::tuple_element_t<c.model_position, std::tuple<Models...>>;
    list_validation spelled = c;
    spelled.field = field_spelling_storage<model, c.field_index>.view();
    return spelled;
  }
}

template <class... Models>
inline constexpr list_validation list_validation_of = spelled_list_validation<Models...>();

template <class... Models>
consteval bool report_list() {
  if constexpr ((valid_model<Models> && ...)) {
    constexpr list_validation found = list_validation_of<Models...>;
    return invalid_model_list<to_fixed_name<found.model.size()>(found.model),
                              to_fixed_name<found.field.size()>(found.field),
                              to_fixed_name<found.other.size()>(found.other), found.error>::reported;
  } else {
    return true;
  }
}

template <class... Models>
struct list_report {
  static constexpr bool reported = report_list<Models...>();
};

}  // namespace detail

// Models that db::push / db::schema_of accept together: each valid, every
// referenced model in the list, table and enum names distinct.
template <class... Models>
concept pushable = (valid_model<Models> && ...) && detail::list_validation_of<Models...>.error == model_error::none;

}  // namespace db
