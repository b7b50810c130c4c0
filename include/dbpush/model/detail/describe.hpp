// dbpush: the constexpr description of one model and its validation.
//
// Everything per model is computed once, in constant expressions over arrays
// indexed by field (folds over index_sequence, no recursive templates): the
// field options bound by member pointer, the column types, the names, then the
// description's static arrays. validate<T>() is the single consteval pass that
// finds the first error; db::invalid_model reports it (see model/validation.hpp).
#pragma once

#include <dbpush/model/annotations.hpp>
#include <dbpush/model/description.hpp>
#include <dbpush/model/model_error.hpp>
#include <dbpush/model/detail/reflect.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace db {

namespace detail {

template <class T>
struct optional_traits {
  using value_type = T;
  static constexpr bool nullable = false;
};
template <class T>
struct optional_traits<std::optional<T>> {
  using value_type = T;
  static constexpr bool nullable = true;
};
template <class F>
using value_type_of = typename optional_traits<F>::value_type;

template <class T>
inline constexpr bool is_byte_vector =
    std::is_same_v<T, std::vector<std::byte>> || std::is_same_v<T, std::vector<unsigned char>>;

template <class T>
inline constexpr bool is_system_time = false;
template <class D>
inline constexpr bool is_system_time<std::chrono::sys_time<D>> = true;

template <class I>
consteval type_kind integer_kind() {
  constexpr type_kind signed_kinds[] = {type_kind::int8, type_kind::int16, type_kind::int32, type_kind::int64};
  constexpr type_kind unsigned_kinds[] = {type_kind::uint8, type_kind::uint16, type_kind::uint32, type_kind::uint64};
  constexpr std::size_t width = sizeof(I) == 1 ? 0 : sizeof(I) == 2 ? 1 : sizeof(I) == 4 ? 2 : 3;
  return std::is_signed_v<I> ? signed_kinds[width] : unsigned_kinds[width];
}

template <class I>
inline constexpr bool is_character = std::is_same_v<I, char> || std::is_same_v<I, wchar_t> ||
                                     std::is_same_v<I, char8_t> || std::is_same_v<I, char16_t> ||
                                     std::is_same_v<I, char32_t>;

// The type a (non-optional) C++ value type maps to, before overrides.
template <class V>
consteval sql_type builtin_type() {
  if constexpr (requires { column_type<V>::type; }) return column_type<V>::type;
  else if constexpr (std::is_same_v<V, bool>) return type_kind::boolean;
  else if constexpr (std::is_integral_v<V> && !is_character<V> && sizeof(V) <= 8) return integer_kind<V>();
  else if constexpr (std::is_same_v<V, float>) return type_kind::float32;
  else if constexpr (std::is_same_v<V, double>) return type_kind::float64;
  else if constexpr (std::is_same_v<V, std::string>) return type_kind::text;
  else if constexpr (is_byte_vector<V>) return type_kind::bytes;
  else if constexpr (std::is_same_v<V, std::chrono::sys_days> || std::is_same_v<V, std::chrono::year_month_day>)
    return type_kind::date;
  else if constexpr (is_system_time<V>) return type_kind::timestamp;
  else if constexpr (is_scoped_enum<V>) return type_kind::enumeration;
  else return type_kind::unsupported;
}

template <class E>
inline constexpr enum_description enum_description_of{type_name<E>, enum_reflection<E>::names};

// What the model layer reads from a field's C++ type F, before annotations:
// computed once per type, so the fields of one type in every model share it.
struct field_type_facts {
  sql_type builtin_type;  // what F's value type maps to (type_kind::unsupported: nothing)
  bool nullable = false;  // F is std::optional<V>
  const void* enum_identity = nullptr;            // V is an enum: its identity (as in default_description)
  std::string_view enum_name{};                   // V is an enum: its unqualified name
  const enum_description* enumeration = nullptr;  // V is a scoped enum: its description
};

template <class F>
consteval field_type_facts make_field_type_facts() {
  using V = value_type_of<F>;
  field_type_facts out;
  out.builtin_type = builtin_type<V>();
  out.nullable = optional_traits<F>::nullable;
  if constexpr (std::is_enum_v<V>) {
    out.enum_identity = &enum_reflection<V>::count;
    out.enum_name = type_name<V>;
  }
  if constexpr (is_scoped_enum<V>) out.enumeration = &enum_description_of<V>;
  return out;
}
template <class F>
inline constexpr field_type_facts field_type_facts_of = make_field_type_facts<F>();

// ---- the model's declarations, or empty ones -------------------------------------
// A member of db::model<T> of the wrong type reads as absent here, and is
// reported by validate_declarations.

template <class L, class Data>
inline constexpr bool is_spec_list_of = false;
template <class Data, class... Specs>
inline constexpr bool is_spec_list_of<spec_list<Data, Specs...>, Data> = true;
template <class S>
inline constexpr bool is_primary_key_spec = false;
template <auto... Members>
inline constexpr bool is_primary_key_spec<primary_key_spec<Members...>> = true;

template <class T>
concept declares_fields = is_spec_list_of<std::remove_cv_t<decltype(model<T>::fields)>, field_options>;
template <class T>
concept declares_indexes = is_spec_list_of<std::remove_cv_t<decltype(model<T>::indexes)>, index_options>;
template <class T>
concept declares_foreign_keys =
    is_spec_list_of<std::remove_cv_t<decltype(model<T>::foreign_keys)>, foreign_key_options>;
template <class T>
concept declares_primary_key = is_primary_key_spec<std::remove_cv_t<decltype(model<T>::primary_key)>>;
template <class T>
concept declares_table = requires { std::string_view(model<T>::table); };
template <class T>
concept declares_renamed_from = requires { std::string_view(model<T>::renamed_from); };

template <class T>
consteval auto field_specs() {
  if constexpr (declares_fields<T>) return model<T>::fields;
  else return spec_list<field_options>{};
}
template <class T>
consteval auto index_specs() {
  if constexpr (declares_indexes<T>) return model<T>::indexes;
  else return spec_list<index_options>{};
}
template <class T>
consteval auto foreign_key_specs() {
  if constexpr (declares_foreign_keys<T>) return model<T>::foreign_keys;
  else return spec_list<foreign_key_options>{};
}
template <class T>
consteval auto primary_key_spec_of() {
  if constexpr (declares_primary_key<T>) return model<T>::primary_key;
  else return primary_key_spec<>{};
}

// A likely misspelling of a member of db::model<T>, and whether it is declared.
struct misspelling {
  bool declared;
  std::string_view member;
};

// The members of a db::model<T> specialisation: C++ cannot list a class's
// members, so a misspelt one (`indexs`) would be ignored. Each member dbpush
// reads must have its type, a specialisation must declare at least one of them,
// and the likely misspellings of each are refused by name.
template <class T>
consteval model_validation validate_declarations() {
  const auto misdeclared = [](std::string_view member) {
    return model_validation{model_error::model_member_misdeclared, type_name<T>, member};
  };
  if constexpr (requires { model<T>::table; } && !declares_table<T>) return misdeclared("table");
  else if constexpr (requires { model<T>::renamed_from; } && !declares_renamed_from<T>) return misdeclared("renamed_from");
  else if constexpr (requires { model<T>::fields; } && !declares_fields<T>) return misdeclared("fields");
  else if constexpr (requires { model<T>::primary_key; } && !declares_primary_key<T>) return misdeclared("primary_key");
  else if constexpr (requires { model<T>::indexes; } && !declares_indexes<T>) return misdeclared("indexes");
  else if constexpr (requires { model<T>::foreign_keys; } && !declares_foreign_keys<T>) return misdeclared("foreign_keys");
  else {
    const misspelling misspellings[] = {
        {requires { model<T>::table_name; }, "table_name"},
        {requires { model<T>::tableName; }, "tableName"},
        {requires { model<T>::field; }, "field"},
        {requires { model<T>::columns; }, "columns"},
        {requires { model<T>::primaryKey; }, "primaryKey"},
        {requires { model<T>::primary_keys; }, "primary_keys"},
        {requires { model<T>::index; }, "index"},
        {requires { model<T>::indexs; }, "indexs"},
        {requires { model<T>::indices; }, "indices"},
        {requires { model<T>::foreign_key; }, "foreign_key"},
        {requires { model<T>::foreignKeys; }, "foreignKeys"},
        {requires { model<T>::renamedFrom; }, "renamedFrom"},
    };
    for (const misspelling& m : misspellings)
      if (m.declared) return {model_error::unknown_model_member, type_name<T>, m.member};
    constexpr bool specialised = !requires { typename model<T>::primary_template; };
    constexpr bool declares_any = requires { model<T>::table; } || requires { model<T>::renamed_from; } ||
                                  requires { model<T>::fields; } || requires { model<T>::primary_key; } ||
                                  requires { model<T>::indexes; } || requires { model<T>::foreign_keys; };
    if (specialised && !declares_any) return {model_error::unknown_model_member, type_name<T>, "(no known member)"};
    return {};
  }
}

// Calls f(std::type_identity<Spec>{}, data) for each spec of a list, in order.
template <class Data, class... Specs, class F>
constexpr void for_each_spec([[maybe_unused]] const spec_list<Data, Specs...>& list, [[maybe_unused]] F f) {
  [[maybe_unused]] std::size_t j = 0;
  (f(std::type_identity<Specs>{}, list.data[j++]), ...);
}

// The same for the db::field specs that hold a db::references: f is not
// instantiated for the others.
template <class Spec, class F>
constexpr void visit_if_reference([[maybe_unused]] F& f, [[maybe_unused]] const field_options& o) {
  if constexpr (!std::is_void_v<typename Spec::reference>) f(std::type_identity<Spec>{}, o);
}
template <class... Specs, class F>
constexpr void for_each_reference([[maybe_unused]] const spec_list<field_options, Specs...>& list,
                                  [[maybe_unused]] F f) {
  [[maybe_unused]] std::size_t j = 0;
  (visit_if_reference<Specs>(f, list.data[j++]), ...);
}

// How Member is spelled when it is not T's ("&Other::field"), else empty.
template <class T, auto Member>
consteval std::string_view spelling_if_foreign() {
  if constexpr (std::is_same_v<owner_of<Member>, T>) return {};
  else return member_spelling<Member>;
}

// The members a model-level declaration names.
template <auto... Members>
struct member_list {
  template <class T>
  static constexpr std::array<std::size_t, sizeof...(Members)> indices{member_index<T, Members>()...};

  // How the first member that is not T's is spelled ("&Other::field"), or empty.
  template <class T>
  static consteval std::string_view foreign() {
    std::string_view found{};
    ((found = found.empty() ? spelling_if_foreign<T, Members>() : found), ...);
    return found;
  }
};

template <class Spec>
struct members_of;
template <bool Unique, auto... Members>
struct members_of<index_spec<Unique, Members...>> : member_list<Members...> {};
template <auto... Members>
struct members_of<primary_key_spec<Members...>> : member_list<Members...> {};
template <class Reference, auto... Members>
struct members_of<foreign_key_spec<Reference, Members...>> : member_list<Members...> {};

// ---- per-model facts ---------------------------------------------------------------

template <class T>
struct model_facts {
  static_assert(compiler_prints_names_like_gcc && sizeof(T) > 0,
                "dbpush: the model layer reads names from GCC's __PRETTY_FUNCTION__: compile models with GCC 12 or "
                "newer (hand-built db::schema values need no model layer)");
  static constexpr std::size_t size = field_count<T>;
  static constexpr auto fields = field_specs<T>();
  static constexpr auto primary_key_members = members_of<decltype(primary_key_spec_of<T>())>::template indices<T>;

  static constexpr std::array<std::string_view, size> field_names = detail::field_names<T>;

  // What each field's C++ type says (shared by every field of that type).
  static constexpr std::array<field_type_facts, size> field_types = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<field_type_facts, size>{field_type_facts_of<field_type_at<T, I>>...};
  }(std::make_index_sequence<size>{});

  static constexpr bool declares_primary_key = [] {
    bool any = primary_key_members.size() > 0;
    for (const field_options& o : fields.data) any = any || o.primary_key;
    return any;
  }();

  // The field that is the primary key by convention: an integer `id` when the
  // model declares no primary key; `size` when there is none.
  static constexpr std::size_t implicit_id = [] {
    if (declares_primary_key) return size;
    for (std::size_t i = 0; i < size; ++i)
      if (field_names[i] == "id" && is_integer(field_types[i].builtin_type.kind)) return i;
    return size;
  }();

  // Annotations per field index (fields named by a member of another struct are
  // left out here and reported by validate()).
  static constexpr std::array<field_options, size> options = [] {
    std::array<field_options, size> out{};
    for_each_spec(fields, [&]<class Spec>(std::type_identity<Spec>, const field_options& o) {
      constexpr std::size_t i = member_index<T, Spec::member>();
      if constexpr (i < size) out[i] = o;
    });
    if (implicit_id < size && !out[implicit_id].ignored) {
      out[implicit_id].primary_key = true;
      out[implicit_id].autoincrement = true;
    }
    return out;
  }();

  static constexpr std::array<sql_type, size> types = [] {
    std::array<sql_type, size> out{};
    for (std::size_t i = 0; i < size; ++i)
      out[i] = options[i].type_override.kind != type_kind::unsupported ? options[i].type_override
                                                                       : field_types[i].builtin_type;
    return out;
  }();

  // The types the columns are stored in: an autoincrement key is filled from a
  // sequence, which never exceeds the signed 64-bit maximum, so an unsigned
  // 64-bit key is stored as a signed one (a PostgreSQL identity column cannot
  // be numeric; SQLite's INTEGER is the same either way).
  static constexpr std::array<sql_type, size> stored_types = [] {
    std::array<sql_type, size> out = types;
    for (std::size_t i = 0; i < size; ++i)
      if (options[i].autoincrement && types[i].kind == type_kind::uint64) out[i] = type_kind::int64;
    return out;
  }();

  static constexpr std::array<std::string_view, size> column_names = [] {
    std::array<std::string_view, size> out{};
    for (std::size_t i = 0; i < size; ++i)
      out[i] = options[i].column_name.empty() ? field_names[i] : options[i].column_name;
    return out;
  }();

  static constexpr std::string_view table = [] {
    if constexpr (declares_table<T>) return std::string_view(model<T>::table);
    else return type_name<T>;
  }();
};

template <class T, auto... Members>
inline constexpr std::array<std::string_view, sizeof...(Members)> columns_named_by{
    model_facts<T>::column_names[member_index<T, Members>()]...};

// The one column of field I, as a view into the model's column names (no
// variable per field).
template <class T>
constexpr std::span<const std::string_view> single_column(std::size_t i) {
  return {&model_facts<T>::column_names[i], 1};
}

// The model a references annotation points to (db::references asserts that all
// its keys are that model's fields).
template <class Reference>
struct referenced_model_of;
template <auto... Keys>
struct referenced_model_of<references_annotation<Keys...>> {
  using type = owner_of<first_of<Keys...>>;
};
template <class Reference>
using referenced_model = typename referenced_model_of<Reference>::type;

// Whether two lists of fields (by position, each field once) hold the same
// fields in any order.
constexpr bool same_fields(std::span<const std::size_t> a, std::span<const std::size_t> b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k : a) {
    bool found = false;
    for (std::size_t c : b) found = found || c == k;
    if (!found) return false;
  }
  return true;
}

template <class Reference>
struct reference_facts;
template <auto... Keys>
struct reference_facts<references_annotation<Keys...>> {
  using model = referenced_model<references_annotation<Keys...>>;
  using facts = model_facts<model>;
  // A model that cannot be reflected reports its own error; nothing is read from it.
  static constexpr bool target_reflectable = reflectable<model>;
  static constexpr std::array<std::size_t, sizeof...(Keys)> keys{member_index<model, Keys>()...};
  static constexpr std::span<const std::string_view> referenced_columns() { return columns_named_by<model, Keys...>; }
  // A std::optional<K> field may reference a K key (nullable foreign key).
  template <class... Fields>
  static consteval bool types_match() {
    if constexpr (sizeof...(Fields) != sizeof...(Keys)) return false;
    else return (std::is_same_v<value_type_of<Fields>, value_type_of<member_type_of<Keys>>> && ...);
  }

  static consteval bool references_ignored() {
    for (std::size_t k : keys)
      if (k < facts::size && facts::options[k].ignored) return true;
    return false;
  }

  // The keys are the referenced model's primary key or one of its unique
  // indexes (in any order): what both dialects require of a foreign key.
  static consteval bool keys_are_unique() {
    if (same_fields(keys, facts::primary_key_members)) return true;
    if (keys.size() == 1 && keys[0] < facts::size &&
        (facts::options[keys[0]].unique || (facts::primary_key_members.empty() && facts::options[keys[0]].primary_key)))
      return true;
    bool unique_index = false;
    for_each_spec(index_specs<model>(), [&]<class Spec>(std::type_identity<Spec>, const index_options&) {
      if constexpr (Spec::unique)
        unique_index = unique_index || same_fields(keys, members_of<Spec>::template indices<model>);
    });
    return unique_index;
  }

  // The key's column type before and after model_facts::stored_types.
  static constexpr sql_type key_type(std::size_t k) { return facts::types[keys[k]]; }
  static constexpr sql_type stored_key_type(std::size_t k) { return facts::stored_types[keys[k]]; }
};

// ---- validation --------------------------------------------------------------------

constexpr bool default_fits(const sql_type& t, const default_description& d, const void* field_enum) {
  const type_kind k = t.kind;
  const bool numeric = is_integer(k) || k == type_kind::float32 || k == type_kind::float64 || k == type_kind::decimal;
  switch (d.kind) {
    case default_kind::none: case default_kind::sql: return true;
    case default_kind::boolean: return k == type_kind::boolean || k == type_kind::native;
    case default_kind::integer: case default_kind::unsigned_integer: return numeric || k == type_kind::native;
    case default_kind::real:
      return k == type_kind::float32 || k == type_kind::float64 || k == type_kind::decimal || k == type_kind::native;
    case default_kind::text:
      return k == type_kind::text || k == type_kind::varchar || k == type_kind::uuid || k == type_kind::json ||
             k == type_kind::jsonb || k == type_kind::timestamp || k == type_kind::date || k == type_kind::native;
    case default_kind::enumerator: return k == type_kind::enumeration && d.enum_identity == field_enum;
    case default_kind::now: return k == type_kind::timestamp || k == type_kind::date || k == type_kind::native;
  }
  return false;
}

inline constexpr std::size_t no_field = static_cast<std::size_t>(-1);

// The first error one part of the validation found: the field by position
// (spelled `&ns::Model::field` only when reported), or already spelled.
struct found_error {
  model_error error = model_error::none;
  std::size_t field_index = no_field;
  std::string_view field{};
  std::string_view detail{};

  constexpr void at(model_error e, std::size_t index, std::string_view d = {}) {
    if (error == model_error::none) *this = {e, index, {}, d};
  }
  constexpr void spelled(model_error e, std::string_view f, std::string_view d = {}) {
    if (error == model_error::none) *this = {e, no_field, f, d};
  }
};

constexpr bool sets(const auto& o, referential_action a) { return o.on_delete == a || o.on_update == a; }
constexpr std::string_view action_spelling(const auto& o, referential_action a) {
  if (a == referential_action::set_null)
    return o.on_delete == a ? "db::on_delete::set_null" : "db::on_update::set_null";
  return o.on_delete == a ? "db::on_delete::set_default" : "db::on_update::set_default";
}

// SET NULL needs columns that can hold NULL, SET DEFAULT columns with a default
// (without one it sets NULL too): anything else fails when the parent row goes.
template <class T, std::size_t N>
constexpr void check_actions(found_error& f, const auto& o, const std::array<std::size_t, N>& fields) {
  using facts = model_facts<T>;
  for (std::size_t i : fields) {
    if (sets(o, referential_action::set_null) && !facts::field_types[i].nullable)
      f.at(model_error::set_null_on_required, i, action_spelling(o, referential_action::set_null));
    if (sets(o, referential_action::set_default) && facts::options[i].default_value.kind == default_kind::none)
      f.at(model_error::set_default_without_default, i, action_spelling(o, referential_action::set_default));
  }
}

// What a foreign key of field(s) `Fields` learns from its target's keys: an
// error, whether the target can be reflected (else its own error is reported
// and nothing is read from it), and whether a key is stored in another type
// than its field maps to (model_facts::stored_types).
struct reference_check {
  model_error error = model_error::none;
  std::string_view detail{};
  bool target_reflectable = true;
  bool key_retyped = false;
};

template <class R, class... Fields>
consteval reference_check check_reference() {
  using ref = reference_facts<R>;
  if constexpr (!ref::target_reflectable) {
    return {model_error::none, {}, false};
  } else {
    reference_check c;
    if constexpr (ref::references_ignored()) c = {model_error::ignored_field_used, "db::references to it"};
    else if constexpr (!ref::template types_match<Fields...>()) c.error = model_error::foreign_key_type_mismatch;
    else if constexpr (!ref::keys_are_unique()) c.error = model_error::referenced_key_not_unique;
    for (std::size_t k = 0; k < ref::keys.size(); ++k)
      c.key_retyped = c.key_retyped || ref::key_type(k) != ref::stored_key_type(k);
    return c;
  }
}

// The first error of a model, and what describing it needs to know of the
// models its foreign keys reference (see reference_check).
struct validation_result {
  found_error error;
  bool targets_reflectable = true;
  bool keys_retyped = false;
};

// The fields a model-level declaration names: T's own, not ignored, each once.
// Returns the first one's position (no_field when one is another struct's).
template <class T, class Spec>
constexpr std::size_t check_declared(found_error& foreign, found_error& found, std::string_view declaration) {
  using facts = model_facts<T>;
  constexpr std::string_view other = members_of<Spec>::template foreign<T>();
  if constexpr (!other.empty()) {
    foreign.spelled(model_error::member_of_other_struct, other, declaration);
    return no_field;
  } else {
    constexpr auto& indices = members_of<Spec>::template indices<T>;
    for (std::size_t k = 0; k < indices.size(); ++k) {
      if (facts::options[indices[k]].ignored) found.at(model_error::ignored_field_used, indices[k], declaration);
      for (std::size_t j = 0; j < k; ++j)
        if (indices[j] == indices[k]) found.at(model_error::field_repeated, indices[k], declaration);
    }
    return indices.empty() ? no_field : indices[0];
  }
}

// The number of indexes of T: declared ones and those of db::unique / db::indexed.
template <class T>
consteval std::size_t index_count() {
  std::size_t n = index_specs<T>().data.size();
  for (const auto& o : model_facts<T>::options) n += o.ignored ? 0 : std::size_t{o.unique} + std::size_t{o.indexed};
  return n;
}

// An index as declared: two with the same fields (in order), uniqueness and
// predicate are one index declared twice.
struct declared_index {
  bool unique = false;
  std::span<const std::size_t> fields;
  std::string_view where;
  std::string_view declaration;
  friend constexpr bool operator==(const declared_index& a, const declared_index& b) {
    return a.unique == b.unique && std::equal(a.fields.begin(), a.fields.end(), b.fields.begin(), b.fields.end()) &&
           a.where == b.where;
  }
};

// 0, 1, ..., N - 1: the fields of a field-level index, as one-element views.
template <std::size_t N>
inline constexpr std::array<std::size_t, N> positions = [] {
  std::array<std::size_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = i;
  return out;
}();

// Options of an index or foreign key: each kind once, no empty text.
constexpr void check_declaration_options(found_error& f, std::size_t first, const annotation_set& a,
                                         std::string_view name, std::string_view where = {}) {
  if (a.repeated) f.at(model_error::annotation_repeated, first, annotation_name(a.repeated));
  if ((a.given & annotation_bit::named) && name.empty()) f.at(model_error::empty_name, first, "db::named");
  if ((a.given & annotation_bit::where) && where.empty()) f.at(model_error::empty_name, first, "db::where");
}

template <class T>
consteval std::string_view table_renamed_from() {
  if constexpr (declares_renamed_from<T>) return model<T>::renamed_from;
  else return {};
}

// The checks of a reflectable model with well-formed declarations. Errors of
// members of another struct come first (nothing about them can be read), then
// the fields' own, then foreign keys' targets, then a missing key.
template <class T>
consteval validation_result validate_declared_model() {
  using facts = model_facts<T>;
  found_error foreign, found, references, last;
  validation_result result;
  const auto take = [&](const reference_check& r, std::size_t first) {
    if (r.error != model_error::none) references.at(r.error, first, r.detail);
    result.targets_reflectable = result.targets_reflectable && r.target_reflectable;
    result.keys_retyped = result.keys_retyped || r.key_retyped;
  };

  std::array<std::uint8_t, facts::size> listed{};
  for_each_spec(facts::fields, [&]<class Spec>(std::type_identity<Spec>, const field_options&) {
    constexpr std::size_t i = member_index<T, Spec::member>();
    if constexpr (i == facts::size) {
      foreign.spelled(model_error::member_of_other_struct, member_spelling<Spec::member>, "db::field");
    } else {
      if (++listed[i] == 2) found.at(model_error::field_repeated, i, "db::fields");
      if constexpr (!std::is_void_v<typename Spec::reference>)
        take(check_reference<typename Spec::reference, member_type_of<Spec::member>>(), i);
    }
  });
  check_declared<T, decltype(primary_key_spec_of<T>())>(foreign, found, "db::primary_key_on");
  bool unique_criterion = false;
  std::array<declared_index, index_count<T>()> indexes{};
  std::size_t index_count = 0;
  for_each_spec(index_specs<T>(), [&]<class Spec>(std::type_identity<Spec>, const index_options& o) {
    const std::string_view declaration = Spec::unique ? "db::unique_on" : "db::index_on";
    const std::size_t first = check_declared<T, Spec>(foreign, found, declaration);
    if (first != no_field) {
      check_declaration_options(found, first, o.annotations, o.name, o.where);
      indexes[index_count++] = {Spec::unique, members_of<Spec>::template indices<T>, o.where, declaration};
    }
    unique_criterion = unique_criterion || Spec::unique;
  });
  for_each_spec(foreign_key_specs<T>(), [&]<class R, auto... Members>(
                                            std::type_identity<foreign_key_spec<R, Members...>>,
                                            const foreign_key_options& o) {
    using spec = foreign_key_spec<R, Members...>;
    const std::size_t first = check_declared<T, spec>(foreign, found, "db::foreign_key_on");
    if constexpr (members_of<spec>::template foreign<T>().empty()) {
      check_declaration_options(found, first, o.annotations, o.name);
      check_actions<T>(found, o, members_of<spec>::template indices<T>);
      take(check_reference<R, member_type_of<Members>...>(), first);
    }
  });

  const auto in_composite_key = [](std::size_t i) {
    for (std::size_t k : facts::primary_key_members)
      if (k == i) return true;
    return false;
  };

  // Field by field: loops over the facts' arrays.
  std::size_t primary_keys = facts::primary_key_members.size() > 0 ? 1 : 0;
  for (std::size_t i = 0; i < facts::size; ++i) {
    const field_options& o = facts::options[i];
    const annotation_set& a = o.annotations;
    if (a.repeated) found.at(model_error::annotation_repeated, i, annotation_name(a.repeated));
    if (o.ignored) {
      // Ignored fields are not columns: no other annotation means anything.
      const auto others = static_cast<std::uint16_t>(a.given & ~annotation_bit::ignore);
      if (others) found.at(model_error::ignored_field_used, i, annotation_name(others));
      continue;
    }
    const sql_type& type = facts::types[i];
    if ((a.given & annotation_bit::column_name) && o.column_name.empty())
      found.at(model_error::empty_name, i, "db::column_name");
    if ((a.given & annotation_bit::renamed_from) && o.renamed_from.empty())
      found.at(model_error::empty_name, i, "db::renamed_from");
    if (o.default_value.kind == default_kind::sql && o.default_value.text.empty())
      found.at(model_error::empty_name, i, "db::default_sql");
    if (type.kind == type_kind::native && type.spelling.empty()) found.at(model_error::empty_name, i, "db::native");
    if (type.kind == type_kind::unsupported) found.at(model_error::unsupported_type, i);
    if (o.primary_key && ++primary_keys > 1) found.at(model_error::two_primary_keys, i);
    const field_type_facts& field_type = facts::field_types[i];
    if (field_type.nullable && (o.primary_key || in_composite_key(i))) found.at(model_error::nullable_primary_key, i);
    if (o.autoincrement && (!is_integer(type.kind) || !o.primary_key))
      found.at(model_error::autoincrement_not_integer_key, i);
    if (o.autoincrement && o.default_value.kind != default_kind::none)
      found.at(model_error::autoincrement_with_default, i);
    if (!default_fits(type, o.default_value, field_type.enum_identity)) found.at(model_error::default_type_mismatch, i);
    if (!o.renamed_from.empty() && o.renamed_from == facts::column_names[i])
      found.at(model_error::renamed_from_itself, i, "db::renamed_from");
    if (a.given & annotation_bit::references) check_actions<T>(found, o, std::array<std::size_t, 1>{i});
    unique_criterion = unique_criterion || o.unique;
    const std::span<const std::size_t> field{&positions<facts::size>[i], 1};
    if (o.unique) indexes[index_count++] = {true, field, {}, "db::unique"};
    if (o.indexed) indexes[index_count++] = {false, field, {}, "db::indexed"};
    for (std::size_t j = 0; j < i; ++j)
      if (!facts::options[j].ignored && facts::column_names[j] == facts::column_names[i])
        found.at(model_error::duplicate_column, i);
  }
  for (std::size_t k = 0; k < index_count; ++k)
    for (std::size_t j = 0; j < k; ++j)
      if (indexes[j] == indexes[k]) found.at(model_error::index_repeated, indexes[k].fields[0], indexes[k].declaration);

  if constexpr (declares_table<T>)
    if (facts::table.empty()) found.spelled(model_error::empty_name, type_name<T>, "table");
  if constexpr (declares_renamed_from<T>) {
    if (table_renamed_from<T>().empty()) found.spelled(model_error::empty_name, type_name<T>, "renamed_from");
    if (table_renamed_from<T>() == facts::table) found.spelled(model_error::renamed_from_itself, type_name<T>, "renamed_from");
  }
  if (primary_keys == 0 && facts::implicit_id == facts::size && !unique_criterion)
    last.spelled(model_error::no_primary_key, type_name<T>);
  for (const found_error& f : {foreign, found, references, last})
    if (f.error != model_error::none) {
      result.error = f;
      break;
    }
  return result;
}

// Reflection first (nothing else can be read from a struct that fails it),
// then the specialisation's members, then the rest.
template <class T>
consteval validation_result validate_model() {
  if constexpr (!reflectable<T>) {
    return {{reflection_of<T>.error, no_field, type_name<T>, {}}};
  } else {
    constexpr model_validation declared = validate_declarations<T>();
    if constexpr (declared.error != model_error::none)
      return {{declared.error, no_field, declared.field, declared.detail}};
    else
      return validate_declared_model<T>();
  }
}
template <class T>
inline constexpr validation_result validation_result_of = validate_model<T>();

// "&ns::Model::field" for field I of T: what a user searches for.
template <class T, std::size_t I>
consteval auto field_spelling_text() {
  constexpr std::string_view model = qualified_type_name<T>, field = field_names<T>[I];
  return joined<model.size() + field.size() + 3>({"&", model, "::", field});
}
template <class T, std::size_t I>
inline constexpr auto field_spelling_storage = field_spelling_text<T, I>();

// "field 2 (counting from 1)" for a C array field (its name cannot be read).
template <class T>
consteval auto c_array_detail_text() {
  constexpr reflection_check r = reflection_of<T>;
  if constexpr (r.position >= boost::pfr::tuple_size_v<T>) {
    return joined<0>({});
  } else {
    constexpr number_text number = to_text(r.position + 1);
    constexpr std::string_view before = "field ", after = " (counting from 1)";
    return joined<before.size() + number.size + after.size()>({before, number.view(), after});
  }
}
template <class T>
inline constexpr auto c_array_detail_storage = c_array_detail_text<T>();

template <class T>
consteval model_validation finish_validation() {
  constexpr found_error f = validation_result_of<T>.error;
  if constexpr (f.error == model_error::c_array_member) {
    return {f.error, f.field, c_array_detail_storage<T>.view()};
  } else if constexpr (f.field_index != no_field) {
    constexpr std::string_view field = field_spelling_storage<T, f.field_index>.view();
    if constexpr (f.error == model_error::unsupported_type)
      return {f.error, field, qualified_type_name<value_type_of<field_type_at<T, f.field_index>>>};
    else
      return {f.error, field, f.detail};
  } else {
    return {f.error, f.field, f.detail};
  }
}

template <class T>
inline constexpr model_validation validation_of = finish_validation<T>();

// ---- the description ---------------------------------------------------------------

template <class T>
consteval std::size_t kept_field_count() {
  std::size_t n = 0;
  for (const auto& o : model_facts<T>::options) n += o.ignored ? 0 : 1;
  return n;
}

// (Function templates, not lambdas in variable templates: GCC 12 shares a lambda's
// closure type between specialisations of a variable template.) Loops over the
// facts' arrays: nothing here is instantiated per field.
// The column types as stored: model_facts::stored_types, and a foreign key
// column of the same type as its referenced key takes the key's stored type
// (the two must match for the database to accept the foreign key).
template <class T>
consteval std::array<sql_type, model_facts<T>::size> column_types() {
  using facts = model_facts<T>;
  std::array<sql_type, facts::size> out = facts::stored_types;
  const auto follow = [&]<class R>(std::type_identity<R>, std::span<const std::size_t> fields) {
    using ref = reference_facts<R>;
    for (std::size_t k = 0; k < fields.size(); ++k)
      if (facts::types[fields[k]] == ref::key_type(k)) out[fields[k]] = ref::stored_key_type(k);
  };
  for_each_reference(facts::fields, [&]<class Spec>(std::type_identity<Spec>, const field_options& o) {
    if (!o.ignored) {
      constexpr std::array<std::size_t, 1> field{member_index<T, Spec::member>()};
      follow(std::type_identity<typename Spec::reference>{}, field);
    }
  });
  for_each_spec(foreign_key_specs<T>(), [&]<class R, auto... Members>(std::type_identity<foreign_key_spec<R, Members...>>,
                                                                     const foreign_key_options&) {
    follow(std::type_identity<R>{}, members_of<foreign_key_spec<R, Members...>>::template indices<T>);
  });
  return out;
}

template <class T>
consteval auto make_columns() {
  using facts = model_facts<T>;
  constexpr std::array<sql_type, facts::size> types = [] {
    if constexpr (validation_result_of<T>.keys_retyped) return column_types<T>();
    else return facts::stored_types;
  }();
  std::array<column_description, kept_field_count<T>()> out{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < facts::size; ++i) {
    const field_options& o = facts::options[i];
    if (o.ignored) continue;
    column_description& c = out[n++];
    c.name = facts::column_names[i];
    c.field = facts::field_names[i];
    c.type = types[i];
    c.nullable = facts::field_types[i].nullable;
    c.primary_key = o.primary_key;
    c.autoincrement = o.autoincrement;
    c.unique = o.unique;
    c.indexed = o.indexed;
    c.default_value = o.default_value;
    c.renamed_from = o.renamed_from;
    if (c.type.kind == type_kind::enumeration) c.enumeration = facts::field_types[i].enumeration;
  }
  return out;
}
template <class T>
inline constexpr auto columns_of = make_columns<T>();

template <class T>
consteval std::size_t primary_key_size() {
  const std::size_t composite = model_facts<T>::primary_key_members.size();
  if (composite > 0) return composite;
  for (const auto& o : model_facts<T>::options)
    if (o.primary_key && !o.ignored) return 1;
  return 0;
}

template <class T>
consteval auto make_primary_key() {
  using facts = model_facts<T>;
  std::array<std::string_view, primary_key_size<T>()> out{};
  if constexpr (facts::primary_key_members.size() > 0) {
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = facts::column_names[facts::primary_key_members[k]];
  } else {
    for (std::size_t i = 0; i < facts::size; ++i)
      if (facts::options[i].primary_key && !facts::options[i].ignored) out[0] = facts::column_names[i];
  }
  return out;
}
template <class T>
inline constexpr auto primary_key_of = make_primary_key<T>();

template <class T>
consteval auto make_indexes() {
  using facts = model_facts<T>;
  std::array<index_description, index_count<T>()> out{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < facts::size; ++i) {
    const field_options& o = facts::options[i];
    if (o.ignored) continue;
    if (o.unique) out[n++] = {{}, single_column<T>(i), true, {}};
    if (o.indexed) out[n++] = {{}, single_column<T>(i), false, {}};
  }
  for_each_spec(index_specs<T>(), [&]<bool Unique, auto... Members>(std::type_identity<index_spec<Unique, Members...>>,
                                                                    const index_options& o) {
    out[n++] = {o.name, columns_named_by<T, Members...>, Unique, o.where};
  });
  return out;
}
template <class T>
inline constexpr auto indexes_of = make_indexes<T>();

template <class T>
consteval std::size_t foreign_key_count() {
  std::size_t n = foreign_key_specs<T>().data.size();
  // (Only a valid model is described: each db::references is a well-formed
  // one, on a field of T listed once.)
  for (const field_options& o : model_facts<T>::options)
    n += (o.annotations.given & annotation_bit::references) && !o.ignored ? 1 : 0;
  return n;
}

template <class Reference>
constexpr foreign_key_description foreign_key_to(std::string_view name, std::span<const std::string_view> columns,
                                                  referential_action on_delete, referential_action on_update) {
  using ref = reference_facts<Reference>;
  return {name, columns, model_facts<typename ref::model>::table, ref::referenced_columns(), on_delete, on_update};
}

template <class T>
consteval auto make_foreign_keys() {
  std::array<foreign_key_description, foreign_key_count<T>()> out{};
  std::size_t n = 0;
  for_each_reference(model_facts<T>::fields, [&]<class Spec>(std::type_identity<Spec>, const field_options& o) {
    if (!o.ignored)
      out[n++] = foreign_key_to<typename Spec::reference>({}, single_column<T>(member_index<T, Spec::member>()),
                                                          o.on_delete, o.on_update);
  });
  for_each_spec(foreign_key_specs<T>(), [&]<class R, auto... Members>(std::type_identity<foreign_key_spec<R, Members...>>,
                                                                     const foreign_key_options& o) {
    out[n++] = foreign_key_to<R>(o.name, columns_named_by<T, Members...>, o.on_delete, o.on_update);
  });
  return out;
}
template <class T>
inline constexpr auto foreign_keys_of = make_foreign_keys<T>();


template <class T>
consteval model_description describe() {
  return {model_facts<T>::table, table_renamed_from<T>(), columns_of<T>, primary_key_of<T>, indexes_of<T>,
          foreign_keys_of<T>};
}

}  // namespace detail
}  // namespace db
