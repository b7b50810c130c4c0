// dbpush: what users write in a db::model<T> specialisation (docs/models.md).
//
//   template <> struct db::model<Post> {
//     static constexpr auto table = "posts";
//     static constexpr auto fields = db::fields(
//         db::field<&Post::id>(db::primary_key, db::autoincrement),
//         db::field<&Post::author_id>(db::references<&User::id>(db::on_delete::cascade)));
//     static constexpr auto indexes = db::indexes(db::index_on<&Post::author_id, &Post::title>());
//   };
//
// Each annotation folds into plain data (detail::field_options) as soon as it is
// written; only member pointers and referenced keys stay in types.
#pragma once

#include <dbpush/model/detail/reflect.hpp>
#include <dbpush/model/types.hpp>
#include <dbpush/schema/schema.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace db {

// Specialise for each struct that needs annotations. A struct without a
// specialisation is a model when it has an integer field named `id`.
template <class T>
struct model {};

enum class on_delete : std::uint8_t { no_action, restrict, cascade, set_null, set_default };
enum class on_update : std::uint8_t { no_action, restrict, cascade, set_null, set_default };

namespace detail {

struct primary_key_tag {};
struct autoincrement_tag {};
struct unique_tag {};
struct indexed_tag {};
struct default_now_tag {};
struct ignore_tag {};

template <class V>
struct default_value_annotation {
  default_desc value;
};
struct default_sql_annotation {
  std::string_view sql;
};
struct column_name_annotation {
  std::string_view name;
};
struct renamed_from_annotation {
  std::string_view name;
};
template <auto... Keys>
struct references_annotation {
  referential_action on_delete = referential_action::no_action;
  referential_action on_update = referential_action::no_action;
};
struct index_name_annotation {
  std::string_view name;
};
struct where_annotation {
  std::string_view predicate;
};

struct field_options {
  bool primary_key = false;
  bool autoincrement = false;
  bool unique = false;
  bool indexed = false;
  bool ignored = false;
  default_desc default_value{};
  sql_type type_override{};  // kind unsupported: none
  std::string_view column_name{};
  std::string_view renamed_from{};
  referential_action on_delete = referential_action::no_action;
  referential_action on_update = referential_action::no_action;
};

template <class A>
inline constexpr bool dependent_false = false;

constexpr void apply(field_options& o, primary_key_tag) { o.primary_key = true; }
constexpr void apply(field_options& o, autoincrement_tag) { o.autoincrement = true; }
constexpr void apply(field_options& o, unique_tag) { o.unique = true; }
constexpr void apply(field_options& o, indexed_tag) { o.indexed = true; }
constexpr void apply(field_options& o, ignore_tag) { o.ignored = true; }
constexpr void apply(field_options& o, default_now_tag) { o.default_value.kind = default_kind::now; }
template <class V>
constexpr void apply(field_options& o, const default_value_annotation<V>& a) { o.default_value = a.value; }
constexpr void apply(field_options& o, default_sql_annotation a) {
  o.default_value.kind = default_kind::sql;
  o.default_value.text = a.sql;
}
constexpr void apply(field_options& o, column_name_annotation a) { o.column_name = a.name; }
constexpr void apply(field_options& o, renamed_from_annotation a) { o.renamed_from = a.name; }
constexpr void apply(field_options& o, sql_type t) { o.type_override = t; }
template <auto... Keys>
constexpr void apply(field_options& o, const references_annotation<Keys...>& r) {
  o.on_delete = r.on_delete;
  o.on_update = r.on_update;
}
template <class A>
constexpr void apply(field_options&, const A&) {
  static_assert(dependent_false<A>,
                "dbpush: not a field annotation: db::field<&T::m>(...) takes db::primary_key, db::autoincrement, "
                "db::unique, db::indexed, db::default_value(x), db::default_now, db::default_sql(\"...\"), "
                "db::column_name(\"...\"), db::renamed_from(\"...\"), db::ignore, db::references<&Other::key>(...), "
                "or a type override (db::varchar<N>, db::decimal<P,S>, db::uuid, db::json, db::jsonb, db::native(\"...\"))");
}

// The references annotation among a field's annotations, or void.
template <class... A>
struct reference_among_impl {
  using type = void;
};
template <class A, class... Rest>
struct reference_among_impl<A, Rest...> : reference_among_impl<Rest...> {};
template <auto... Keys, class... Rest>
struct reference_among_impl<references_annotation<Keys...>, Rest...> {
  using type = references_annotation<Keys...>;
};
template <class... A>
using reference_among = typename reference_among_impl<A...>::type;

template <auto Member, class Reference>
struct field_spec {
  static constexpr auto member = Member;
  using reference = Reference;  // references_annotation<Keys...> or void
  field_options options;
};

struct index_options {
  std::string_view name{};
  std::string_view where{};
};
constexpr void apply(index_options& o, index_name_annotation a) { o.name = a.name; }
constexpr void apply(index_options& o, where_annotation a) { o.where = a.predicate; }
template <class A>
constexpr void apply(index_options&, const A&) {
  static_assert(dependent_false<A>,
                "dbpush: db::index_on / db::unique_on / db::foreign_key_on take db::named(\"...\") and "
                "(indexes only) db::where(\"predicate\")");
}

template <bool Unique, auto... Members>
struct index_spec {
  static constexpr bool unique = Unique;
  index_options options;
};

template <auto... Members>
struct primary_key_spec {};

struct foreign_key_options {
  std::string_view name{};
  referential_action on_delete = referential_action::no_action;
  referential_action on_update = referential_action::no_action;
};

template <class Reference, auto... Members>
struct foreign_key_spec {
  using reference = Reference;
  foreign_key_options options;
};

template <class S>
inline constexpr bool is_field_spec = false;
template <auto Member, class Reference>
inline constexpr bool is_field_spec<field_spec<Member, Reference>> = true;
template <class S>
inline constexpr bool is_index_spec = false;
template <bool Unique, auto... Members>
inline constexpr bool is_index_spec<index_spec<Unique, Members...>> = true;
template <class S>
inline constexpr bool is_foreign_key_spec = false;
template <class Reference, auto... Members>
inline constexpr bool is_foreign_key_spec<foreign_key_spec<Reference, Members...>> = true;

// A list of specs of one kind; their data is kept in one array so the model
// layer can loop over it instead of recursing over types.
template <class Data, class... Specs>
struct spec_list {
  std::array<Data, sizeof...(Specs)> data;
};

// A spec with its annotations folded into its options.
template <class Spec, class... Annotations>
constexpr Spec annotated(Annotations... annotations) {
  Spec spec{};
  (detail::apply(spec.options, annotations), ...);  // qualified: no std::apply by ADL
  return spec;
}

// The action enums list their values in db::referential_action's order.
static_assert(static_cast<int>(on_delete::set_default) == static_cast<int>(referential_action::set_default) &&
              static_cast<int>(on_update::set_default) == static_cast<int>(referential_action::set_default) &&
              static_cast<int>(on_delete::restrict) == static_cast<int>(referential_action::restrict));
constexpr referential_action to_action(on_delete a) { return static_cast<referential_action>(a); }
constexpr referential_action to_action(on_update a) { return static_cast<referential_action>(a); }

template <class V>
constexpr default_desc default_of(const V& v) {
  default_desc d{};
  if constexpr (std::is_same_v<V, bool>) {
    d.kind = default_kind::boolean;
    d.boolean = v;
  } else if constexpr (std::is_integral_v<V> && std::is_signed_v<V>) {
    d.kind = default_kind::integer;
    d.integer = v;
  } else if constexpr (std::is_integral_v<V>) {
    d.kind = default_kind::unsigned_integer;
    d.unsigned_integer = v;
  } else if constexpr (std::is_floating_point_v<V>) {
    d.kind = default_kind::real;
    d.real = v;
  } else if constexpr (std::is_enum_v<V>) {
    d.kind = default_kind::enumerator;
    d.text = enum_reflection<V>::name(v);
    d.enum_identity = &enum_reflection<V>::count;
  } else if constexpr (std::is_convertible_v<V, std::string_view>) {
    d.kind = default_kind::text;
    d.text = v;
  } else {
    static_assert(dependent_false<V>,
                  "dbpush: db::default_value takes a bool, a number, a string literal or an enumerator; "
                  "use db::default_sql(\"...\") for anything else");
  }
  return d;
}

}  // namespace detail

// ---- field annotations -------------------------------------------------------

inline constexpr detail::primary_key_tag primary_key{};
inline constexpr detail::autoincrement_tag autoincrement{};
inline constexpr detail::unique_tag unique{};
// Plain (non-unique) index on one field. Spelled `indexed` because db::index is
// the runtime schema's index type.
inline constexpr detail::indexed_tag indexed{};
inline constexpr detail::default_now_tag default_now{};
inline constexpr detail::ignore_tag ignore{};

template <class V>
constexpr auto default_value(const V& v) {
  using stored = std::conditional_t<std::is_convertible_v<const V&, std::string_view>, std::string_view, V>;
  return detail::default_value_annotation<stored>{detail::default_of<stored>(v)};
}
constexpr detail::default_sql_annotation default_sql(std::string_view sql) { return {sql}; }
constexpr detail::column_name_annotation column_name(std::string_view name) { return {name}; }
constexpr detail::renamed_from_annotation renamed_from(std::string_view old_name) { return {old_name}; }

// Foreign key to the given key field(s) of another model, with optional
// db::on_delete::... and db::on_update::... actions in any order.
template <auto... Keys, class... Actions>
  requires(sizeof...(Keys) > 0 && sizeof...(Actions) <= 2 &&
           ((std::is_same_v<Actions, on_delete> || std::is_same_v<Actions, on_update>) && ...))
constexpr detail::references_annotation<Keys...> references(Actions... actions) {
  detail::references_annotation<Keys...> r;
  (
      [&](auto a) {
        if constexpr (std::is_same_v<decltype(a), on_delete>)
          r.on_delete = detail::to_action(a);
        else
          r.on_update = detail::to_action(a);
      }(actions),
      ...);
  return r;
}

template <auto Member, class... Annotations>
constexpr auto field(Annotations... annotations) {
  static_assert(std::is_member_object_pointer_v<decltype(Member)>,
                "dbpush: db::field<&T::member>(...) takes a pointer to a data member of the model's struct");
  return detail::annotated<detail::field_spec<Member, detail::reference_among<Annotations...>>>(annotations...);
}

template <class... Specs>
  requires(detail::is_field_spec<Specs> && ...)
constexpr auto fields(Specs... specs) {
  return detail::spec_list<detail::field_options, Specs...>{{specs.options...}};
}

// ---- model-level declarations ------------------------------------------------

constexpr detail::index_name_annotation named(std::string_view name) { return {name}; }
constexpr detail::where_annotation where(std::string_view predicate) { return {predicate}; }

// Index over one or more fields, in key order. Optional: db::named("..."),
// db::where("partial index predicate").
template <auto... Members, class... Options>
constexpr auto index_on(Options... options) {
  return detail::annotated<detail::index_spec<false, Members...>>(options...);
}
template <auto... Members, class... Options>
constexpr auto unique_on(Options... options) {
  return detail::annotated<detail::index_spec<true, Members...>>(options...);
}
template <class... Specs>
  requires(detail::is_index_spec<Specs> && ...)
constexpr auto indexes(Specs... specs) {
  return detail::spec_list<detail::index_options, Specs...>{{specs.options...}};
}

// Composite primary key: `static constexpr auto primary_key = db::primary_key_on<&T::a, &T::b>();`
template <auto... Members>
constexpr detail::primary_key_spec<Members...> primary_key_on() {
  return {};
}

// Composite foreign key:
// db::foreign_key_on<&T::a, &T::b>(db::references<&P::x, &P::y>(db::on_delete::cascade))
template <auto... Members, auto... Keys, class... Options>
constexpr auto foreign_key_on(detail::references_annotation<Keys...> r, Options... options) {
  detail::index_options o{};
  (detail::apply(o, options), ...);
  return detail::foreign_key_spec<detail::references_annotation<Keys...>, Members...>{
      {o.name, r.on_delete, r.on_update}};
}

template <class... Specs>
  requires(detail::is_foreign_key_spec<Specs> && ...)
constexpr auto foreign_keys(Specs... specs) {
  return detail::spec_list<detail::foreign_key_options, Specs...>{{specs.options...}};
}

}  // namespace db
