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
struct model {
  using primary_template = void;  // tells dbpush that T has no specialisation
};

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
  default_description value;
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

// The kinds of annotation and option, one bit each. Each kind may be given once
// per field, index or foreign key: a second one would silently replace the
// first, so it is an error (model_error::annotation_repeated). The three
// defaults are one kind: a column has one default.
namespace annotation_bit {
inline constexpr std::uint16_t primary_key = 1 << 0;
inline constexpr std::uint16_t autoincrement = 1 << 1;
inline constexpr std::uint16_t unique = 1 << 2;
inline constexpr std::uint16_t indexed = 1 << 3;
inline constexpr std::uint16_t ignore = 1 << 4;
inline constexpr std::uint16_t default_value = 1 << 5;
inline constexpr std::uint16_t column_name = 1 << 6;
inline constexpr std::uint16_t renamed_from = 1 << 7;
inline constexpr std::uint16_t type_override = 1 << 8;
inline constexpr std::uint16_t references = 1 << 9;
inline constexpr std::uint16_t named = 1 << 10;
inline constexpr std::uint16_t where = 1 << 11;
}  // namespace annotation_bit

// The name of the lowest kind in `kinds`, for diagnostics.
constexpr std::string_view annotation_name(std::uint16_t kinds) {
  constexpr std::string_view names[] = {
      "db::primary_key", "db::autoincrement", "db::unique", "db::indexed",
      "db::ignore", "a default (db::default_value, db::default_now or db::default_sql)",
      "db::column_name", "db::renamed_from",
      "a type override (db::varchar, db::decimal, db::uuid, db::json, db::jsonb or db::native)",
      "db::references", "db::named", "db::where"};
  for (std::size_t bit = 0; bit < std::size(names); ++bit)
    if (kinds & (1u << bit)) return names[bit];
  return {};
}

// Which kinds were given, and which of them more than once.
struct annotation_set {
  std::uint16_t given = 0;
  std::uint16_t repeated = 0;
  constexpr void add(std::uint16_t kind) {
    repeated |= given & kind;
    given |= kind;
  }
};

struct field_options {
  annotation_set annotations;
  bool primary_key = false;
  bool autoincrement = false;
  bool unique = false;
  bool indexed = false;
  bool ignored = false;
  default_description default_value{};
  sql_type type_override{};  // kind unsupported: none
  std::string_view column_name{};
  std::string_view renamed_from{};
  referential_action on_delete = referential_action::no_action;
  referential_action on_update = referential_action::no_action;
};

template <class A>
inline constexpr bool dependent_false = false;

constexpr void apply(field_options& o, primary_key_tag) {
  o.annotations.add(annotation_bit::primary_key);
  o.primary_key = true;
}
constexpr void apply(field_options& o, autoincrement_tag) {
  o.annotations.add(annotation_bit::autoincrement);
  o.autoincrement = true;
}
constexpr void apply(field_options& o, unique_tag) {
  o.annotations.add(annotation_bit::unique);
  o.unique = true;
}
constexpr void apply(field_options& o, indexed_tag) {
  o.annotations.add(annotation_bit::indexed);
  o.indexed = true;
}
constexpr void apply(field_options& o, ignore_tag) {
  o.annotations.add(annotation_bit::ignore);
  o.ignored = true;
}
constexpr void apply(field_options& o, default_now_tag) {
  o.annotations.add(annotation_bit::default_value);
  o.default_value.kind = default_kind::now;
}
template <class V>
constexpr void apply(field_options& o, const default_value_annotation<V>& a) {
  o.annotations.add(annotation_bit::default_value);
  o.default_value = a.value;
}
constexpr void apply(field_options& o, default_sql_annotation a) {
  o.annotations.add(annotation_bit::default_value);
  o.default_value.kind = default_kind::sql;
  o.default_value.text = a.sql;
}
constexpr void apply(field_options& o, column_name_annotation a) {
  o.annotations.add(annotation_bit::column_name);
  o.column_name = a.name;
}
constexpr void apply(field_options& o, renamed_from_annotation a) {
  o.annotations.add(annotation_bit::renamed_from);
  o.renamed_from = a.name;
}
constexpr void apply(field_options& o, sql_type t) {
  o.annotations.add(annotation_bit::type_override);
  o.type_override = t;
}
template <auto... Keys>
constexpr void apply(field_options& o, const references_annotation<Keys...>& r) {
  o.annotations.add(annotation_bit::references);
  o.on_delete = r.on_delete;
  o.on_update = r.on_update;
}
// Anything else: an error that says where it belongs.
template <class A>
constexpr void apply(field_options&, const A&) {
  if constexpr (std::is_same_v<A, where_annotation>)
    static_assert(dependent_false<A>,
                  "dbpush: db::where(\"...\") makes a partial index and belongs to db::index_on / db::unique_on, not to "
                  "db::field: declare `static constexpr auto indexes = db::indexes(db::index_on<&T::m>(db::where(\"...\")));`");
  else if constexpr (std::is_same_v<A, index_name_annotation>)
    static_assert(dependent_false<A>,
                  "dbpush: db::named(\"...\") names an index or a foreign key (db::index_on, db::unique_on, "
                  "db::foreign_key_on), not a field: name a field's column with db::column_name(\"...\")");
  else if constexpr (std::is_same_v<A, on_delete> || std::is_same_v<A, on_update>)
    static_assert(dependent_false<A>,
                  "dbpush: db::on_delete::X and db::on_update::X are actions of a foreign key and go inside "
                  "db::references<&Other::key>(...), e.g. db::references<&User::id>(db::on_delete::cascade)");
  else
    static_assert(dependent_false<A>,
                  "dbpush: not a field annotation: db::field<&T::m>(...) takes db::primary_key, db::autoincrement, "
                  "db::unique, db::indexed, db::default_value(x), db::default_now, db::default_sql(\"...\"), "
                  "db::column_name(\"...\"), db::renamed_from(\"...\"), db::ignore, db::references<&Other::key>(...), "
                  "or a type override (db::varchar<N>, db::decimal<P,S>, db::uuid, db::json, db::jsonb, db::native(\"...\"))");
}

template <auto Member>
inline constexpr bool is_data_member = std::is_member_object_pointer_v<std::remove_cv_t<decltype(Member)>>;

template <auto First, auto...>
inline constexpr auto first_of = First;

// One or more fields, each `&T::field` (whether they are the model's own is
// checked with the model).
template <auto... Members>
inline constexpr bool members_well_formed = sizeof...(Members) > 0 && (is_data_member<Members> && ...);

// One or more keys, fields of one model.
template <auto... Keys>
consteval bool keys_well_formed() {
  if constexpr (!members_well_formed<Keys...>) return false;
  else return (std::is_same_v<owner_of<first_of<Keys...>>, owner_of<Keys>> && ...);
}

// The well-formed references annotation among a field's annotations, or void
// (an ill-formed one has already failed where it was written).
template <class... A>
struct reference_among_impl {
  using type = void;
};
template <class A, class... Rest>
struct reference_among_impl<A, Rest...> : reference_among_impl<Rest...> {};
template <auto... Keys, class... Rest>
struct reference_among_impl<references_annotation<Keys...>, Rest...> {
  using type = std::conditional_t<keys_well_formed<Keys...>(), references_annotation<Keys...>,
                                  typename reference_among_impl<Rest...>::type>;
};
template <class... A>
using reference_among = typename reference_among_impl<A...>::type;

template <class A>
inline constexpr bool is_references = false;
template <auto... Keys>
inline constexpr bool is_references<references_annotation<Keys...>> = true;

template <auto... Members>
consteval void check_declared_members() {
  static_assert(members_well_formed<Members...>,
                "dbpush: db::index_on, db::unique_on, db::primary_key_on and db::foreign_key_on name one or more "
                "fields, each as a pointer to a data member: db::index_on<&T::a, &T::b>()");
}

template <auto Member, class Reference>
struct field_spec {
  static constexpr auto member = Member;
  using reference = Reference;  // references_annotation<Keys...> or void
  field_options options;
};

struct index_options {
  annotation_set annotations;
  std::string_view name{};
  std::string_view where{};
};
constexpr void apply(index_options& o, index_name_annotation a) {
  o.annotations.add(annotation_bit::named);
  o.name = a.name;
}
constexpr void apply(index_options& o, where_annotation a) {
  o.annotations.add(annotation_bit::where);
  o.where = a.predicate;
}
template <class A>
constexpr void apply(index_options&, const A&) {
  static_assert(dependent_false<A>,
                "dbpush: db::index_on / db::unique_on take db::named(\"...\") and db::where(\"predicate\") only: "
                "field annotations (db::unique, db::indexed, db::default_value, ...) go in db::field<&T::m>(...), "
                "db::references in db::field or db::foreign_key_on");
}

template <bool Unique, auto... Members>
struct index_spec {
  static constexpr bool unique = Unique;
  index_options options;
};

template <auto... Members>
struct primary_key_spec {};

struct foreign_key_options {
  annotation_set annotations;
  std::string_view name{};
  referential_action on_delete = referential_action::no_action;
  referential_action on_update = referential_action::no_action;
};
constexpr void apply(foreign_key_options& o, index_name_annotation a) {
  o.annotations.add(annotation_bit::named);
  o.name = a.name;
}
template <auto... Keys>
constexpr void apply(foreign_key_options& o, const references_annotation<Keys...>& r) {
  o.annotations.add(annotation_bit::references);
  o.on_delete = r.on_delete;
  o.on_update = r.on_update;
}
template <class A>
constexpr void apply(foreign_key_options&, const A&) {
  if constexpr (std::is_same_v<A, where_annotation>)
    static_assert(dependent_false<A>,
                  "dbpush: db::where(\"...\") makes a partial index (db::index_on / db::unique_on); a foreign key has "
                  "no predicate: db::foreign_key_on takes db::references<&P::x, ...>(actions...) and db::named(\"...\")");
  else
    static_assert(dependent_false<A>,
                  "dbpush: db::foreign_key_on<&T::a, ...>(...) takes db::references<&P::x, ...>(actions...) and "
                  "db::named(\"...\") only: field annotations go in db::field<&T::m>(...)");
}

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

// Whether a spec belongs in a list of Data and was written well (one that was
// not has failed where it was written).
template <class Data, class Spec>
inline constexpr bool usable_in = false;
template <auto Member, class Reference>
inline constexpr bool usable_in<field_options, field_spec<Member, Reference>> = is_data_member<Member>;
template <bool Unique, auto... Members>
inline constexpr bool usable_in<index_options, index_spec<Unique, Members...>> = members_well_formed<Members...>;
template <class Reference, auto... Members>
inline constexpr bool usable_in<foreign_key_options, foreign_key_spec<Reference, Members...>> =
    !std::is_void_v<Reference> && members_well_formed<Members...>;

// The list of the given specs, or an empty list when one is not usable: its
// error is already reported, and the model adds none of its own.
template <class Data, class... Specs>
constexpr auto list_of(const Specs&... specs) {
  if constexpr ((usable_in<Data, Specs> && ...)) return spec_list<Data, Specs...>{{specs.options...}};
  else return spec_list<Data>{};
}

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
constexpr default_description default_of(const V& v) {
  default_description d{};
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
constexpr detail::references_annotation<Keys...> references(Actions... actions) {
  static_assert(detail::members_well_formed<Keys...>,
                "dbpush: db::references<&Other::key, ...>(...) names one or more key fields of the referenced model, "
                "each as a pointer to a data member");
  if constexpr (detail::members_well_formed<Keys...>)
    static_assert(detail::keys_well_formed<Keys...>(),
                  "dbpush: the keys of one db::references<...> are fields of one model (the referenced one): "
                  "db::references<&Parent::a, &Parent::b>()");
  constexpr bool only_actions = ((std::is_same_v<Actions, on_delete> || std::is_same_v<Actions, on_update>) && ...);
  static_assert(only_actions,
                "dbpush: db::references<...>(...) takes only actions: db::on_delete::X and db::on_update::X");
  static_assert((std::is_same_v<Actions, on_delete> + ... + 0) <= 1 && (std::is_same_v<Actions, on_update> + ... + 0) <= 1,
                "dbpush: db::references<...>(...) takes at most one db::on_delete and one db::on_update action "
                "(a second would replace the first)");
  detail::references_annotation<Keys...> r;
  if constexpr (only_actions)
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
  static_assert(detail::is_data_member<Member>,
                "dbpush: db::field<&T::member>(...) takes a pointer to a data member of the model's struct");
  return detail::annotated<detail::field_spec<Member, detail::reference_among<Annotations...>>>(annotations...);
}

template <class... Specs>
constexpr auto fields(Specs... specs) {
  static_assert((detail::is_field_spec<Specs> && ...),
                "dbpush: db::fields(...) takes db::field<&T::m>(annotations...) only; indexes, foreign keys and a "
                "composite primary key are members of their own: indexes = db::indexes(...), foreign_keys = "
                "db::foreign_keys(...), primary_key = db::primary_key_on<...>()");
  return detail::list_of<detail::field_options>(specs...);
}

// ---- model-level declarations ------------------------------------------------

constexpr detail::index_name_annotation named(std::string_view name) { return {name}; }
constexpr detail::where_annotation where(std::string_view predicate) { return {predicate}; }

// Index over one or more fields, in key order. Optional: db::named("..."),
// db::where("partial index predicate").
template <auto... Members, class... Options>
constexpr auto index_on(Options... options) {
  detail::check_declared_members<Members...>();
  return detail::annotated<detail::index_spec<false, Members...>>(options...);
}
template <auto... Members, class... Options>
constexpr auto unique_on(Options... options) {
  detail::check_declared_members<Members...>();
  return detail::annotated<detail::index_spec<true, Members...>>(options...);
}
template <class... Specs>
constexpr auto indexes(Specs... specs) {
  static_assert((detail::is_index_spec<Specs> && ...),
                "dbpush: db::indexes(...) takes db::index_on<&T::a, ...>(...) and db::unique_on<&T::a, ...>(...) only");
  return detail::list_of<detail::index_options>(specs...);
}

// Composite primary key: `static constexpr auto primary_key = db::primary_key_on<&T::a, &T::b>();`
// (A key over no field, or over something that is no field, has failed here
// and is read as no composite key.)
template <auto... Members>
constexpr auto primary_key_on() {
  detail::check_declared_members<Members...>();
  if constexpr (detail::members_well_formed<Members...>) return detail::primary_key_spec<Members...>{};
  else return detail::primary_key_spec<>{};
}

// Composite foreign key:
// db::foreign_key_on<&T::a, &T::b>(db::references<&P::x, &P::y>(db::on_delete::cascade))
// Optional: db::named("...").
template <auto... Members, class... Options>
constexpr auto foreign_key_on(Options... options) {
  detail::check_declared_members<Members...>();
  static_assert((detail::is_references<Options> + ... + 0) == 1,
                "dbpush: db::foreign_key_on<&T::a, ...>(...) takes exactly one db::references<&P::x, ...>(actions...)");
  return detail::annotated<detail::foreign_key_spec<detail::reference_among<Options...>, Members...>>(options...);
}

template <class... Specs>
constexpr auto foreign_keys(Specs... specs) {
  static_assert((detail::is_foreign_key_spec<Specs> && ...),
                "dbpush: db::foreign_keys(...) takes db::foreign_key_on<&T::a, ...>(db::references<...>(...)) only");
  return detail::list_of<detail::foreign_key_options>(specs...);
}

}  // namespace db
