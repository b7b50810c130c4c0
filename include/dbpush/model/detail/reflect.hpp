// dbpush: compile-time names of structs, fields and enumerators.
//
// Boost.PFR 1.81 has no get_name, so names come from GCC's __PRETTY_FUNCTION__
// of a function templated on a value: a pointer to a field of a never-defined
// object (its address is a constant; nothing is ever read), a member pointer, or
// an enumerator. Names are copied into static arrays so nothing points into the
// (consteval, never emitted) function names.
#pragma once

#include <dbpush/model/model_error.hpp>

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace db::detail {

// Names are parsed from GCC's __PRETTY_FUNCTION__ format. Checked where a model
// is reflected, so other compilers can still use hand-built schemas.
#if defined(__GNUC__) && !defined(__clang__)
inline constexpr bool compiler_prints_names_like_gcc = true;
#else
inline constexpr bool compiler_prints_names_like_gcc = false;
#endif

// Never defined: only the addresses of its fields are used, in constant expressions.
template <class T>
extern const T fake_object;

// A name as a structural value, so it can be a template argument and show up in
// diagnostics (e.g. `fixed_name<5>{"email"}`).
template <std::size_t N>
struct fixed_name {
  char chars[N + 1]{};
  constexpr std::string_view view() const { return {chars, N}; }
};

template <std::size_t N>
consteval fixed_name<N> to_fixed_name(std::string_view s) {
  fixed_name<N> out{};
  for (std::size_t i = 0; i < N; ++i) out.chars[i] = s[i];
  return out;
}

template <auto V>
consteval std::string_view pretty_value() {
  return __PRETTY_FUNCTION__;
}
template <class T>
consteval std::string_view pretty_type() {
  return __PRETTY_FUNCTION__;
}

// "... [with auto V = <text>; std::string_view = ...]" -> "<text>"
// (The return type is named last, so the argument ends at the last "; ".)
constexpr std::string_view argument_text(std::string_view pretty) {
  const auto begin = pretty.find(" = ") + 3;
  const auto end = pretty.rfind("; std::string_view");
  return pretty.substr(begin, end - begin);
}

// The last identifier of a qualified name, an enumerator or a field access
// ("(& fake_object<ns::User>.ns::User::email)" -> "email"; "ns::Foo<int>" -> "Foo").
constexpr std::string_view unqualified(std::string_view text) {
  while (!text.empty() && (text.back() == ')' || text.back() == ' ')) text.remove_suffix(1);
  if (!text.empty() && text.back() == '>') {
    int depth = 0;
    for (std::size_t i = text.size(); i-- > 0;) {
      if (text[i] == '>') ++depth;
      if (text[i] == '<' && --depth == 0) {
        text = text.substr(0, i);
        break;
      }
    }
  }
  const auto cut = text.find_last_of(":.");
  return cut == std::string_view::npos ? text : text.substr(cut + 1);
}

// Pieces of text joined into one name of N characters (N: their total size).
template <std::size_t N>
consteval fixed_name<N> joined(std::initializer_list<std::string_view> parts) {
  fixed_name<N> out{};
  std::size_t n = 0;
  for (std::string_view part : parts)
    for (char c : part) out.chars[n++] = c;
  return out;
}

// A number as decimal text, for diagnostics.
struct number_text {
  char digits[20]{};
  std::size_t size = 0;
  constexpr std::string_view view() const { return {digits, size}; }
};
constexpr number_text to_text(std::size_t n) {
  number_text out;
  char reversed[20]{};
  do {
    reversed[out.size++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n > 0);
  for (std::size_t i = 0; i < out.size; ++i) out.digits[i] = reversed[out.size - 1 - i];
  return out;
}

template <std::string_view (*Compute)()>
consteval auto store_name() {
  constexpr std::string_view name = Compute();
  return to_fixed_name<name.size()>(name);
}
template <std::string_view (*Compute)()>
inline constexpr auto name_storage = store_name<Compute>();

template <class T>
consteval std::string_view type_name_text() {
  return unqualified(argument_text(pretty_type<T>()));
}
// Unqualified name of a class or enum type.
template <class T>
inline constexpr std::string_view type_name = name_storage<&type_name_text<T>>.view();

template <class T>
consteval std::string_view qualified_type_name_text() {
  return argument_text(pretty_type<T>());
}
// A type as GCC prints it ("ns::Widget", "char", "std::basic_string_view<char>").
template <class T>
inline constexpr std::string_view qualified_type_name = name_storage<&qualified_type_name_text<T>>.view();

// ---- what Boost.PFR can reflect ----------------------------------------------------
// Boost.PFR reflects aggregates without base classes whose fields are neither C
// arrays nor references. A struct that breaks a rule makes Boost.PFR (and all
// that uses it) fail with a page of errors, so the rules are checked first, with
// type traits and tests that cannot fail to compile; field_count is then 0 and
// the model's only error is the dbpush one (model_error::not_a_struct ...
// reference_member). Bit-fields cannot be told apart from other fields this way:
// they still end in Boost.PFR's error ("cannot bind bit-field").

template <class... Types>
struct type_list {
  static constexpr std::size_t size = sizeof...(Types);
};
// GCC's __direct_bases (the model layer needs GCC anyway, see above).
template <class T>
struct direct_bases_of {
  using type = type_list<__direct_bases(T)...>;
};
template <class T>
inline constexpr std::size_t direct_base_count = direct_bases_of<T>::type::size;

// Converts to a reference to any type. Declared only: used in unevaluated
// tests. As in Boost.PFR, structs with move-only fields are tested with
// prvalues. (Not templated on the struct, so the conversions are instantiated
// once per field type, not once per model; a struct whose one field is a C
// array of one element is therefore not caught: T(x) is T's copy.)
struct any_field_lvalue {
  template <class U>
  operator U&() const noexcept;
};
struct any_field_prvalue {
  template <class U>
  operator U() const noexcept;
};
template <class T, std::size_t>
using any_field = std::conditional_t<std::is_copy_constructible_v<T>, any_field_lvalue, any_field_prvalue>;

// The same for any type but T, so T(x) is never T's copy: only used to find
// a C array's position, once one is known to be there.
template <class T>
struct any_other_field_lvalue {
  template <class U>
    requires(!std::is_same_v<std::remove_cv_t<U>, T>)
  operator U&() const noexcept;
};
template <class T>
struct any_other_field_prvalue {
  template <class U>
    requires(!std::is_same_v<std::remove_cv_t<U>, T>)
  operator U() const noexcept;
};
template <class T, std::size_t>
using any_other_field =
    std::conditional_t<std::is_copy_constructible_v<T>, any_other_field_lvalue<T>, any_other_field_prvalue<T>>;

// Parenthesised aggregate initialisation from N values never elides braces, so
// it cannot give a C array's elements one value each, while braces can: Boost.PFR
// counts fields with braces, and a C array counts as one field per element.
template <class T, std::size_t... I>
consteval bool initialises_without_brace_elision(std::index_sequence<I...>) {
  return requires { T(any_field<T, I>{}...); };
}

template <std::size_t N>
struct number_tag {};

template <class T, std::size_t... I>
consteval bool prefix_initialises(std::index_sequence<I...>) {
  return requires { T(any_other_field<T, I>{}...); };
}

// Position (from 0) of the first C array field, or `pfr_count` when it cannot
// be told (a later field that cannot be value-initialised hides it). Only
// called for a struct that has one.
template <class T, std::size_t pfr_count>
consteval std::size_t c_array_position() {
  if constexpr (!requires { T(); }) {
    return pfr_count;
  } else {
    std::size_t found = pfr_count;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      // The shortest prefix that cannot initialise T ends with the array.
      ((found == pfr_count && !prefix_initialises<T>(std::make_index_sequence<K + 1>{}) ? void(found = K) : void()),
       ...);
    }(std::make_index_sequence<pfr_count>{});
    return found;
  }
}

template <class T>
consteval std::array<const void*, boost::pfr::tuple_size_v<T>> pfr_field_addresses() {
  const auto tied = boost::pfr::structure_tie(fake_object<T>);
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<const void*, sizeof...(I)>{&std::get<I>(tied)...};
  }(std::make_index_sequence<boost::pfr::tuple_size_v<T>>{});
}

struct reflection_check {
  model_error error = model_error::none;
  std::size_t position = 0;  // of a C array field, from 0
};

template <class T>
consteval reflection_check check_reflection() {
  if constexpr (!std::is_class_v<T>) {
    return {model_error::not_a_struct};
  } else if constexpr (!std::is_aggregate_v<T>) {
    return {model_error::not_an_aggregate};
  } else if constexpr (direct_base_count<T> > 0) {
    return {model_error::has_base_class};
  } else {
    constexpr std::size_t pfr_count = boost::pfr::tuple_size_v<T>;
    if constexpr (!initialises_without_brace_elision<T>(std::make_index_sequence<pfr_count>{}))
      return {model_error::c_array_member, c_array_position<T, pfr_count>()};
    // A reference field's address in the fake object is the referred-to
    // object's, which is no constant. (Nor is the tie holding it, so which
    // field it is cannot be told.) The same instantiation names the fields.
    else if constexpr (!requires { pretty_value<pfr_field_addresses<T>()>(); })
      return {model_error::reference_member};
    else
      return {};
  }
}
template <class T>
inline constexpr reflection_check reflection_of = check_reflection<T>();

template <class T>
inline constexpr bool reflectable = reflection_of<T>.error == model_error::none;

template <class T>
consteval std::size_t reflected_field_count() {
  if constexpr (reflectable<T>) return boost::pfr::tuple_size_v<T>;
  else return 0;
}
// The number of T's fields; 0 when T cannot be reflected.
template <class T>
inline constexpr std::size_t field_count = reflected_field_count<T>();

// The fields of the fake object, tied once: indexing this std::tuple is much
// cheaper to compile than one boost::pfr::get per field. Only ever used inside
// consteval functions and decltype: a variable holding these addresses would be
// emitted, and the fake object has no definition to link against.
template <class T>
using fake_fields_type = decltype(boost::pfr::structure_tie(fake_object<T>));

template <class T, std::size_t I>
using field_type_at = std::remove_cvref_t<std::tuple_element_t<I, fake_fields_type<T>>>;

template <class T>
consteval std::array<const void*, field_count<T>> field_addresses() {
  if constexpr (reflectable<T>) return pfr_field_addresses<T>();
  else return {};
}

// All field names of T from ONE function name: the array of field addresses as
// a template argument prints as
//   std::array<const void*, 2>{...{((const void*)(& fake_object<ns::User>.ns::User::id)), ...}}
// (one instantiation per model rather than one per field). The views point into
// __PRETTY_FUNCTION__, so they stay inside constant evaluation; the names are
// then copied into one buffer per model.
template <class T>
consteval std::array<std::string_view, field_count<T>> field_name_texts() {
  const std::string_view text = argument_text(pretty_value<field_addresses<T>()>());
  std::array<std::string_view, field_count<T>> out{};
  std::size_t at = 0;
  for (auto& name : out) {
    at = text.find("(& ", at);
    std::size_t end = at;  // the matching ')': template arguments may hold parentheses
    for (int depth = 0; char c : text.substr(at)) {
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) break;
      ++end;
    }
    name = unqualified(text.substr(at + 3, end - at - 3));
    at = end;
  }
  return out;
}

template <class T>
consteval std::size_t field_names_length() {
  std::size_t n = 0;
  for (auto name : field_name_texts<T>()) n += name.size();
  return n;
}

template <class T>
consteval fixed_name<field_names_length<T>()> field_names_buffer() {
  fixed_name<field_names_length<T>()> out{};
  std::size_t n = 0;
  for (auto name : field_name_texts<T>())
    for (char c : name) out.chars[n++] = c;
  return out;
}
template <class T>
inline constexpr auto field_names_storage = field_names_buffer<T>();

template <class T>
consteval std::array<std::string_view, field_count<T>> field_names_of() {
  std::array<std::string_view, field_count<T>> out{};
  std::size_t at = 0;
  const auto texts = field_name_texts<T>();
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = field_names_storage<T>.view().substr(at, texts[i].size());
    at += texts[i].size();
  }
  return out;
}
// Names of T's fields as declared, in order.
template <class T>
inline constexpr std::array<std::string_view, field_count<T>> field_names = field_names_of<T>();
// Name of the I-th field of T.
template <class T, std::size_t I>
inline constexpr std::string_view field_name = field_names<T>[I];

template <auto Member>
consteval std::string_view member_text() {
  return argument_text(pretty_value<Member>());
}
// "&Other::field" as written, for diagnostics about members of the wrong struct.
template <auto Member>
inline constexpr std::string_view member_spelling = name_storage<&member_text<Member>>.view();

template <class M>
struct member_pointer_traits;
template <class C, class F>
struct member_pointer_traits<F C::*> {
  using owner = C;
  using field = F;
};
// (remove_cv: GCC sometimes sees a template parameter's type as const.)
template <auto Member>
using owner_of = typename member_pointer_traits<std::remove_cv_t<decltype(Member)>>::owner;
template <auto Member>
using member_type_of = typename member_pointer_traits<std::remove_cv_t<decltype(Member)>>::field;

// Index of the field `Member` designates in T, found by comparing addresses
// within the fake object; field_count<T> when Member belongs to another struct.
template <class T, auto Member>
consteval std::size_t member_index() {
  if constexpr (!std::is_same_v<owner_of<Member>, T>) {
    return field_count<T>;
  } else {
    const void* target = &(fake_object<T>.*Member);
    constexpr auto addresses = field_addresses<T>();
    for (std::size_t i = 0; i < field_count<T>; ++i)
      if (addresses[i] == target) return i;
    return field_count<T>;
  }
}

// ---- enums ------------------------------------------------------------------

// Enumerators are found by trying every value in [0, enum_reflection_limit).
inline constexpr int enum_reflection_limit = 64;

// Every candidate value in one template argument, so one function name prints
// them all: "enum_candidates<ns::Role, 64>{ns::Role [64]{ns::Role::member, (ns::Role)1, ...}}".
template <class E, std::size_t N>
struct enum_candidates {
  E values[N];
};

template <class E, int... V>
consteval enum_candidates<E, sizeof...(V)> candidates_of(std::integer_sequence<int, V...>) {
  return {{static_cast<E>(V)...}};
}

// The printed form of each candidate value in order: an enumerator
// ("ns::Role::member") or a cast ("(ns::Role)1"). Views into
// __PRETTY_FUNCTION__: used only inside constant evaluation.
template <class E>
consteval std::array<std::string_view, enum_reflection_limit> enumerator_texts() {
  const std::string_view text =
      argument_text(pretty_value<candidates_of<E>(std::make_integer_sequence<int, enum_reflection_limit>{})>());
  std::array<std::string_view, enum_reflection_limit> out{};
  std::size_t at = text.find("]{") + 2;
  for (auto& entry : out) {
    std::size_t end = at;
    for (int depth = 0; char c : text.substr(at)) {
      if (c == '(' || c == '<') ++depth;
      if (c == ')' || c == '>') --depth;
      if (depth == 0 && (c == ',' || c == '}')) break;
      ++end;
    }
    entry = text.substr(at, end - at);
    at = end + 2;  // past ", "
  }
  return out;
}

// The unqualified names of the enumerators, by candidate value ("" for none).
// A candidate names an enumerator when it prints as one and is a value of E
// (with a bool underlying type, 2 would convert to 1 and repeat it).
template <class E>
consteval std::array<std::string_view, enum_reflection_limit> candidate_names() {
  auto texts = enumerator_texts<E>();
  for (std::size_t i = 0; i < texts.size(); ++i) {  // i: the candidate value
    const int v = static_cast<int>(i);
    const bool enumerator = static_cast<int>(static_cast<E>(v)) == v && !texts[i].empty() && texts[i][0] != '(';
    texts[i] = enumerator ? unqualified(texts[i]) : std::string_view{};
  }
  return texts;
}

template <class E>
struct enum_reflection {
  static constexpr std::size_t count = [] {
    std::size_t n = 0;
    for (auto name : candidate_names<E>()) n += name.empty() ? 0 : 1u;
    return n;
  }();

  static constexpr std::size_t length = [] {
    std::size_t n = 0;
    for (auto name : candidate_names<E>()) n += name.size();
    return n;
  }();

  // The enumerator names, copied into one buffer.
  static constexpr fixed_name<length> buffer = [] {
    fixed_name<length> out{};
    std::size_t n = 0;
    for (auto name : candidate_names<E>())
      for (char c : name) out.chars[n++] = c;
    return out;
  }();

  static constexpr std::array<std::pair<E, std::string_view>, count> entries = [] {
    std::array<std::pair<E, std::string_view>, count> out{};
    const auto names = candidate_names<E>();
    std::size_t n = 0, at = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {  // i: the candidate value
      if (names[i].empty()) continue;
      out[n++] = {static_cast<E>(i), buffer.view().substr(at, names[i].size())};
      at += names[i].size();
    }
    return out;
  }();

  static constexpr std::array<std::string_view, count> names = [] {
    std::array<std::string_view, count> out{};
    for (std::size_t i = 0; i < count; ++i) out[i] = entries[i].second;
    return out;
  }();

  static constexpr std::string_view name(E value) {
    for (const auto& [v, n] : entries)
      if (v == value) return n;
    return {};
  }
};

template <class E, bool = std::is_enum_v<E>>
inline constexpr bool is_scoped_enum = false;
template <class E>
inline constexpr bool is_scoped_enum<E, true> = !std::is_convertible_v<E, std::underlying_type_t<E>>;

}  // namespace db::detail
