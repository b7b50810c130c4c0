// dbpush: from models to a runtime db::schema.
#pragma once

#include <dbpush/model/description.hpp>
#include <dbpush/model/validation.hpp>

#include <array>

namespace db {

// The description of model T, a constant expression. An invalid model fails to
// compile here with a "dbpush:" message naming the model, the field and the fix.
namespace detail {
// The errors of the models T's foreign keys reference that cannot be
// reflected: the same errors as where they are described themselves (an error
// is one class instantiation, reported once), so T's description, which would
// read them, is never the first error.
template <class T>
consteval bool report_unreflectable_targets() {
  const auto target = [&]<class Reference>(std::type_identity<Reference>) {
    using referenced = referenced_model<Reference>;
    if constexpr (!reflectable<referenced>) static_assert(model_report<referenced>::reported);
  };
  for_each_reference(field_specs<T>(), [&]<class Spec>(std::type_identity<Spec>, const field_options&) {
    target(std::type_identity<typename Spec::reference>{});
  });
  for_each_spec(foreign_key_specs<T>(), [&]<class R, auto... Members>(std::type_identity<foreign_key_spec<R, Members...>>,
                                                                     const foreign_key_options&) {
    target(std::type_identity<R>{});
  });
  return true;
}

template <class T>
consteval model_description checked_description() {
  static_assert(model_report<T>::reported);
  if constexpr (!validation_result_of<T>.targets_reflectable) {
    static_assert(report_unreflectable_targets<T>());
    return model_description{};
  } else if constexpr (valid_model<T>) {
    return describe<T>();
  } else {
    return model_description{};
  }
}
}  // namespace detail

template <class T>
inline constexpr model_description description_of = detail::checked_description<T>();

// The normalised target schema of the given models in a dialect's spelling:
// tables in foreign-key dependency order (parents first), generated names filled.
template <class... Models>
schema schema_of(dialect d) {
  static_assert(sizeof...(Models) > 0, "dbpush: db::schema_of<Models...>() needs at least one model");
  static constexpr std::array<const model_description*, sizeof...(Models)> models{&description_of<Models>...};
  static_assert(detail::list_report<Models...>::reported);
  return detail::build_schema(models, d);
}

}  // namespace db
