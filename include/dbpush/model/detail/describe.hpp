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
#include <dbpush/model/detail/reflect.hpp>

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

enum class model_error : std::uint8_t {
  none,
  no_primary_key,
  two_primary_keys,
  nullable_primary_key,
  autoincrement_not_integer_key,
  default_type_mismatch,
  member_of_other_struct,
  ignored_field_used,
  foreign_key_type_mismatch,
  referenced_key_not_unique,
  duplicate_column,
  unsupported_type,
  // found by db::schema_of<Models...> over the whole list
  referenced_model_missing,
  duplicate_table,
  duplicate_enum_name,
};

// The first error of a model: which, and the field (or model) it is about.
struct model_check {
  model_error error = model_error::none;
  std::string_view field{};
};

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

// ---- the model's declarations, or empty ones -------------------------------------

template <class T>
consteval auto field_specs() {
  if constexpr (requires { model<T>::fields; }) return model<T>::fields;
  else return spec_list<field_options>{};
}
template <class T>
consteval auto index_specs() {
  if constexpr (requires { model<T>::indexes; }) return model<T>::indexes;
  else return spec_list<index_options>{};
}
template <class T>
consteval auto foreign_key_specs() {
  if constexpr (requires { model<T>::foreign_keys; }) return model<T>::foreign_keys;
  else return spec_list<foreign_key_options>{};
}
template <class T>
consteval auto primary_key_spec_of() {
  if constexpr (requires { model<T>::primary_key; }) return model<T>::primary_key;
  else return primary_key_spec<>{};
}

// Calls f(std::type_identity<Spec>{}, data) for each spec of a list, in order.
template <class Data, class... Specs, class F>
constexpr void for_each_spec([[maybe_unused]] const spec_list<Data, Specs...>& list, [[maybe_unused]] F f) {
  [[maybe_unused]] std::size_t j = 0;
  (f(std::type_identity<Specs>{}, list.data[j++]), ...);
}

// Calls f(std::type_identity<Spec>{}, std::integral_constant<std::size_t, J>{})
// for the J-th spec of a list: its data (list.data[J]) is then a constant, so a
// check can be `if constexpr` and names (each an instantiation) are only made
// for the spec that is in error.
template <class Data, class... Specs, class F>
constexpr void for_each_spec_at(const spec_list<Data, Specs...>&, [[maybe_unused]] F f) {
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    (f(std::type_identity<Specs>{}, std::integral_constant<std::size_t, J>{}), ...);
  }(std::index_sequence_for<Specs...>{});
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
    [[maybe_unused]] const auto check = [&]<auto Member>(std::integral_constant<decltype(Member), Member>) {
      if constexpr (!std::is_same_v<owner_of<Member>, T>)
        if (found.empty()) found = member_spelling<Member>;
    };
    (check(std::integral_constant<decltype(Members), Members>{}), ...);
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
  static_assert(std::is_aggregate_v<T> && std::is_class_v<T>,
                "dbpush: a model must be a plain aggregate struct (no constructors, no virtual functions, no "
                "private fields) so its fields can be reflected");
  static constexpr std::size_t size = field_count<T>;
  static constexpr auto fields = field_specs<T>();
  static constexpr auto primary_key_members = members_of<decltype(primary_key_spec_of<T>())>::template indices<T>;

  template <std::size_t I>
  using field_type = field_type_at<T, I>;

  static constexpr std::array<std::string_view, size> field_names = detail::field_names<T>;

  static constexpr std::array<sql_type, size> builtin_types = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<sql_type, size>{builtin_type<value_type_of<field_type<I>>>()...};
  }(std::make_index_sequence<size>{});

  static constexpr std::array<bool, size> nullable = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<bool, size>{optional_traits<field_type<I>>::nullable...};
  }(std::make_index_sequence<size>{});

  // Which C++ enum a field holds (identity as in default_desc), or nullptr.
  static constexpr std::array<const void*, size> enum_identities = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<const void*, size>{[] {
      using V = value_type_of<field_type<I>>;
      if constexpr (std::is_enum_v<V>) return static_cast<const void*>(&enum_reflection<V>::count);
      else return static_cast<const void*>(nullptr);
    }()...};
  }(std::make_index_sequence<size>{});

  // The description of the scoped enum a field holds, or nullptr.
  static constexpr std::array<const enum_description*, size> enum_descriptions =
      []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<const enum_description*, size>{[] {
          using V = value_type_of<field_type<I>>;
          if constexpr (is_scoped_enum<V>) return &enum_description_of<V>;
          else return static_cast<const enum_description*>(nullptr);
        }()...};
      }(std::make_index_sequence<size>{});

  // The unqualified name of the C++ enum a field holds, or empty.
  static constexpr std::array<std::string_view, size> enum_names = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, size>{[] {
      using V = value_type_of<field_type<I>>;
      if constexpr (std::is_enum_v<V>) return type_name<V>;
      else return std::string_view{};
    }()...};
  }(std::make_index_sequence<size>{});

  static constexpr bool declares_primary_key = [] {
    bool any = primary_key_members.size() > 0;
    for_each_spec(fields, [&](auto, const field_options& o) { any = any || o.primary_key; });
    return any;
  }();

  // The field that is the primary key by convention: an integer `id` when the
  // model declares no primary key; `size` when there is none.
  static constexpr std::size_t implicit_id = [] {
    if (declares_primary_key) return size;
    for (std::size_t i = 0; i < size; ++i)
      if (field_names[i] == "id" && is_integer(builtin_types[i].kind)) return i;
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
    std::array<sql_type, size> out = builtin_types;
    for (std::size_t i = 0; i < size; ++i)
      if (options[i].type_override.kind != type_kind::unsupported) out[i] = options[i].type_override;
    return out;
  }();

  static constexpr std::array<std::string_view, size> column_names = [] {
    std::array<std::string_view, size> out{};
    for (std::size_t i = 0; i < size; ++i)
      out[i] = options[i].column_name.empty() ? field_names[i] : options[i].column_name;
    return out;
  }();

  static constexpr std::string_view table = [] {
    if constexpr (requires { std::string_view(model<T>::table); }) return std::string_view(model<T>::table);
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

template <auto First, auto...>
inline constexpr auto first_of = First;

template <class Reference>
struct reference_facts;
template <auto... Keys>
struct reference_facts<references_annotation<Keys...>> {
  using model = owner_of<first_of<Keys...>>;
  static constexpr std::array<std::string_view, sizeof...(Keys)> referenced_columns{
      columns_named_by<owner_of<Keys>, Keys>[0]...};
  // A std::optional<K> field may reference a K key (nullable foreign key).
  template <class... Fields>
  static consteval bool types_match() {
    if constexpr (sizeof...(Fields) != sizeof...(Keys)) return false;
    else return (std::is_same_v<value_type_of<Fields>, value_type_of<member_type_of<Keys>>> && ...);
  }

  static consteval bool references_ignored() {
    return (model_facts<owner_of<Keys>>::options[member_index<owner_of<Keys>, Keys>()].ignored || ...);
  }

  // The keys are the referenced model's primary key or one of its unique
  // indexes (in any order): what both dialects require of a foreign key.
  static consteval bool keys_are_unique() {
    using facts = model_facts<model>;
    constexpr std::array<std::size_t, sizeof...(Keys)> keys{member_index<model, Keys>()...};
    const auto same_set = [&](const auto& columns) {
      if (columns.size() != keys.size()) return false;
      for (std::size_t k : keys) {
        bool found = false;
        for (std::size_t c : columns) found = found || c == k;
        if (!found) return false;
      }
      return true;
    };
    if (same_set(facts::primary_key_members)) return true;
    if (keys.size() == 1 && keys[0] < facts::size &&
        (facts::options[keys[0]].unique || (facts::primary_key_members.empty() && facts::options[keys[0]].primary_key)))
      return true;
    bool unique_index = false;
    for_each_spec(index_specs<model>(), [&]<class Spec>(std::type_identity<Spec>, const index_options&) {
      if constexpr (Spec::unique) unique_index = unique_index || same_set(members_of<Spec>::template indices<model>);
    });
    return unique_index;
  }
};

// ---- validation --------------------------------------------------------------------

constexpr bool default_fits(const sql_type& t, const default_desc& d, const void* field_enum) {
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

constexpr void record(model_check& c, model_error e, std::string_view field) {
  if (c.error == model_error::none) c = {e, field};
}

template <class T>
consteval model_check validate_model() {
  using facts = model_facts<T>;
  model_check c;

  // Annotations bound to members of another struct.
  for_each_spec(facts::fields, [&]<class Spec>(std::type_identity<Spec>, const field_options&) {
    if constexpr (member_index<T, Spec::member>() == facts::size)
      record(c, model_error::member_of_other_struct, member_spelling<Spec::member>);
  });
  const auto check_members = [&]<class Spec>(std::type_identity<Spec>, const auto&) {
    constexpr std::string_view foreign = members_of<Spec>::template foreign<T>();
    if (!foreign.empty()) record(c, model_error::member_of_other_struct, foreign);
  };
  for_each_spec(index_specs<T>(), check_members);
  for_each_spec(foreign_key_specs<T>(), check_members);
  check_members(std::type_identity<decltype(primary_key_spec_of<T>())>{}, 0);
  if (c.error != model_error::none) return c;

  // Ignored fields are not columns: nothing may index, key or reference them.
  const auto check_ignored = [&]<class Spec>(std::type_identity<Spec>, const auto&) {
    for (std::size_t i : members_of<Spec>::template indices<T>)
      if (facts::options[i].ignored) record(c, model_error::ignored_field_used, facts::field_names[i]);
  };
  for_each_spec(index_specs<T>(), check_ignored);
  for_each_spec(foreign_key_specs<T>(), check_ignored);
  check_ignored(std::type_identity<decltype(primary_key_spec_of<T>())>{}, 0);
  for_each_spec_at(facts::fields, [&]<class Spec, std::size_t J>(std::type_identity<Spec>, std::integral_constant<std::size_t, J>) {
    constexpr field_options o = facts::fields.data[J];
    constexpr bool keyed = o.primary_key || o.autoincrement || o.unique || o.indexed ||
                           !std::is_void_v<typename Spec::reference>;
    if constexpr (o.ignored && keyed) record(c, model_error::ignored_field_used, member_spelling<Spec::member>);
    if constexpr (!std::is_void_v<typename Spec::reference>)
      if constexpr (reference_facts<typename Spec::reference>::references_ignored())
        record(c, model_error::ignored_field_used, member_spelling<Spec::member>);
  });
  for_each_spec(foreign_key_specs<T>(), [&]<class R, auto... Members>(std::type_identity<foreign_key_spec<R, Members...>>, const auto&) {
    if constexpr (reference_facts<R>::references_ignored())
      record(c, model_error::ignored_field_used, member_spelling<first_of<Members...>>);
  });

  const auto in_composite_key = [](std::size_t i) {
    for (std::size_t k : facts::primary_key_members)
      if (k == i) return true;
    return false;
  };

  // Field by field.
  std::size_t primary_keys = facts::primary_key_members.size() > 0 ? 1 : 0;
  bool unique_criterion = false;
  for (std::size_t i = 0; i < facts::size; ++i) {
    const field_options& o = facts::options[i];
    if (o.ignored) continue;
    const std::string_view name = facts::field_names[i];
    if (facts::types[i].kind == type_kind::unsupported) record(c, model_error::unsupported_type, name);
    if (o.primary_key && ++primary_keys > 1) record(c, model_error::two_primary_keys, name);
    if (facts::nullable[i] && (o.primary_key || in_composite_key(i)))
      record(c, model_error::nullable_primary_key, name);
    if (o.autoincrement && (!is_integer(facts::types[i].kind) || !o.primary_key))
      record(c, model_error::autoincrement_not_integer_key, name);
    if (!default_fits(facts::types[i], o.default_value, facts::enum_identities[i]))
      record(c, model_error::default_type_mismatch, name);
    unique_criterion = unique_criterion || o.unique;
    for (std::size_t j = 0; j < i; ++j)
      if (!facts::options[j].ignored && facts::column_names[j] == facts::column_names[i])
        record(c, model_error::duplicate_column, name);
  }

  // Foreign keys: the field's type must be the referenced key's (optional allowed).
  for_each_spec(facts::fields, [&]<class Spec>(std::type_identity<Spec>, const field_options&) {
    if constexpr (!std::is_void_v<typename Spec::reference>) {
      using field = member_type_of<Spec::member>;
      using reference = reference_facts<typename Spec::reference>;
      if constexpr (!reference::template types_match<field>())
        record(c, model_error::foreign_key_type_mismatch, member_spelling<Spec::member>);
      if constexpr (!reference::keys_are_unique())
        record(c, model_error::referenced_key_not_unique, member_spelling<Spec::member>);
    }
  });
  for_each_spec(foreign_key_specs<T>(), [&]<class R, auto... Members>(std::type_identity<foreign_key_spec<R, Members...>>, const auto&) {
    if constexpr (!reference_facts<R>::template types_match<member_type_of<Members>...>())
      record(c, model_error::foreign_key_type_mismatch, member_spelling<first_of<Members...>>);
    if constexpr (!reference_facts<R>::keys_are_unique())
      record(c, model_error::referenced_key_not_unique, member_spelling<first_of<Members...>>);
  });

  for_each_spec(index_specs<T>(), [&]<class Spec>(std::type_identity<Spec>, const auto&) {
    unique_criterion = unique_criterion || Spec::unique;
  });
  if (primary_keys == 0 && facts::implicit_id == facts::size && !unique_criterion)
    record(c, model_error::no_primary_key, type_name<T>);
  return c;
}

template <class T>
inline constexpr model_check validation_of = validate_model<T>();

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
template <class T>
consteval auto make_columns() {
  using facts = model_facts<T>;
  std::array<column_description, kept_field_count<T>()> out{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < facts::size; ++i) {
    const field_options& o = facts::options[i];
    if (o.ignored) continue;
    column_description& c = out[n++];
    c.name = facts::column_names[i];
    c.field = facts::field_names[i];
    c.type = facts::types[i];
    c.nullable = facts::nullable[i];
    c.primary_key = o.primary_key;
    c.autoincrement = o.autoincrement;
    c.unique = o.unique;
    c.indexed = o.indexed;
    c.default_value = o.default_value;
    c.renamed_from = o.renamed_from;
    if (c.type.kind == type_kind::enumeration) c.enumeration = facts::enum_descriptions[i];
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
consteval std::size_t index_count() {
  std::size_t n = index_specs<T>().data.size();
  for (const auto& o : model_facts<T>::options) n += o.ignored ? 0 : (o.unique ? 1 : 0) + (o.indexed ? 1 : 0);
  return n;
}

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
  for_each_spec(model_facts<T>::fields, [&]<class Spec>(std::type_identity<Spec>, const field_options& o) {
    n += !std::is_void_v<typename Spec::reference> && !o.ignored ? 1 : 0;
  });
  return n;
}

template <class Reference>
constexpr foreign_key_description foreign_key_to(std::string_view name, std::span<const std::string_view> columns,
                                                  referential_action on_delete, referential_action on_update) {
  using ref = reference_facts<Reference>;
  return {name, columns, model_facts<typename ref::model>::table, ref::referenced_columns, on_delete, on_update};
}

template <class T>
consteval auto make_foreign_keys() {
  std::array<foreign_key_description, foreign_key_count<T>()> out{};
  std::size_t n = 0;
  for_each_spec(model_facts<T>::fields, [&]<class Spec>(std::type_identity<Spec>, const field_options& o) {
    if constexpr (!std::is_void_v<typename Spec::reference>) {
      if (!o.ignored)
        out[n++] = foreign_key_to<typename Spec::reference>(
            {}, single_column<T>(member_index<T, Spec::member>()), o.on_delete, o.on_update);
    }
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
consteval std::string_view table_renamed_from() {
  if constexpr (requires { std::string_view(model<T>::renamed_from); }) return model<T>::renamed_from;
  else return {};
}

template <class T>
consteval model_description describe() {
  return {model_facts<T>::table, table_renamed_from<T>(), columns_of<T>, primary_key_of<T>, indexes_of<T>,
          foreign_keys_of<T>};
}

}  // namespace detail
}  // namespace db
