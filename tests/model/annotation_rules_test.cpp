// Each annotation and option is accepted only where it means something:
// given twice, combined with one that makes it meaningless, left empty, or
// misspelt, it is a named error (db::validate) instead of being dropped or
// replaced without a word. Annotations written in the wrong place fail where
// they are written (static_asserts, tests/compile_fail/).
#include "model_checks.hpp"
#include "models.hpp"

#include <doctest/doctest.h>

#include <string_view>

namespace annotation_rules_test {

struct Owner {
  std::int64_t id;
  std::int64_t region;
};

// One struct per case (db::model is specialised per type).
template <int Case>
struct W {
  std::int64_t id;
  std::string label;
  std::string title;
  std::int64_t owner_id;
  std::optional<std::int64_t> maybe_owner_id;
  std::int64_t region;
  std::chrono::sys_seconds at;
};

}  // namespace annotation_rules_test

namespace art = annotation_rules_test;

template <>
struct db::model<art::Owner> {
  static constexpr auto indexes = db::indexes(db::unique_on<&art::Owner::id, &art::Owner::region>());
};


template <>
struct db::model<art::W<1>> {
  static constexpr auto fields = db::fields(db::field<&art::W<1>::label>(db::unique, db::unique));
};

template <>
struct db::model<art::W<2>> {
  static constexpr auto fields = db::fields(db::field<&art::W<2>::title>(db::default_value("a"), db::default_value("b")));
};

template <>
struct db::model<art::W<3>> {
  static constexpr auto fields = db::fields(db::field<&art::W<3>::at>(db::default_now, db::default_value("2024-01-01 00:00:00")));
};

template <>
struct db::model<art::W<4>> {
  static constexpr auto fields = db::fields(db::field<&art::W<4>::at>(db::default_sql("now()"), db::default_now));
};

template <>
struct db::model<art::W<5>> {
  static constexpr auto fields = db::fields(db::field<&art::W<5>::label>(db::column_name("a"), db::column_name("b")));
};

template <>
struct db::model<art::W<6>> {
  static constexpr auto fields = db::fields(db::field<&art::W<6>::label>(db::renamed_from("a"), db::renamed_from("b")));
};

template <>
struct db::model<art::W<7>> {
  static constexpr auto fields = db::fields(db::field<&art::W<7>::label>(db::varchar<20>, db::uuid));
};

template <>
struct db::model<art::W<8>> {
  static constexpr auto fields = db::fields(
      db::field<&art::W<8>::owner_id>(db::references<&art::Owner::id>(), db::references<&art::Owner::id>(db::on_delete::cascade)));
};

template <>
struct db::model<art::W<9>> {
  static constexpr auto fields = db::fields(db::field<&art::W<9>::id>(db::primary_key, db::primary_key));
};

template <>
struct db::model<art::W<10>> {
  static constexpr auto indexes = db::indexes(db::index_on<&art::W<10>::label>(db::named("a"), db::named("b")));
};

template <>
struct db::model<art::W<11>> {
  static constexpr auto indexes = db::indexes(db::unique_on<&art::W<11>::label>(db::where("id > 0"), db::where("id > 1")));
};

template <>
struct db::model<art::W<12>> {
  static constexpr auto foreign_keys = db::foreign_keys(
      db::foreign_key_on<&art::W<12>::owner_id>(db::named("a"), db::references<&art::Owner::id>(), db::named("b")));
};

template <>
struct db::model<art::W<13>> {
  static constexpr auto fields = db::fields(db::field<&art::W<13>::label>(db::unique), db::field<&art::W<13>::label>(db::indexed));
};

template <>
struct db::model<art::W<14>> {
  static constexpr auto indexes = db::indexes(db::index_on<&art::W<14>::label, &art::W<14>::title, &art::W<14>::label>());
};

template <>
struct db::model<art::W<15>> {
  static constexpr auto indexes = db::indexes(db::unique_on<&art::W<15>::title, &art::W<15>::title>());
};

template <>
struct db::model<art::W<16>> {
  static constexpr auto primary_key = db::primary_key_on<&art::W<16>::id, &art::W<16>::id>();
};

template <>
struct db::model<art::W<17>> {
  static constexpr auto foreign_keys = db::foreign_keys(
      db::foreign_key_on<&art::W<17>::owner_id, &art::W<17>::owner_id>(db::references<&art::Owner::id, &art::Owner::region>()));
};

template <>
struct db::model<art::W<18>> {
  static constexpr auto fields = db::fields(db::field<&art::W<18>::id>(db::primary_key, db::autoincrement, db::default_value(1)));
};

template <>
struct db::model<art::W<19>> {
  static constexpr auto fields = db::fields(db::field<&art::W<19>::id>(db::default_sql("42")));
};

template <>
struct db::model<art::W<20>> {
  static constexpr auto fields = db::fields(db::field<&art::W<20>::label>(db::ignore, db::column_name("name")));
};

template <>
struct db::model<art::W<21>> {
  static constexpr auto fields = db::fields(db::field<&art::W<21>::label>(db::default_value("x"), db::ignore));
};

template <>
struct db::model<art::W<22>> {
  static constexpr auto fields = db::fields(db::field<&art::W<22>::label>(db::ignore, db::varchar<10>));
};

template <>
struct db::model<art::W<23>> {
  static constexpr auto fields = db::fields(db::field<&art::W<23>::label>(db::ignore, db::renamed_from("old")));
};

template <>
struct db::model<art::W<24>> {
  static constexpr auto fields = db::fields(db::field<&art::W<24>::label>(db::ignore, db::indexed));
};

template <>
struct db::model<art::W<25>> {
  static constexpr auto fields = db::fields(db::field<&art::W<25>::label>(db::column_name("")));
};

template <>
struct db::model<art::W<26>> {
  static constexpr auto fields = db::fields(db::field<&art::W<26>::label>(db::renamed_from("")));
};

template <>
struct db::model<art::W<27>> {
  static constexpr auto fields = db::fields(db::field<&art::W<27>::label>(db::default_sql("")));
};

template <>
struct db::model<art::W<28>> {
  static constexpr auto fields = db::fields(db::field<&art::W<28>::label>(db::native("")));
};

template <>
struct db::model<art::W<29>> {
  static constexpr auto indexes = db::indexes(db::index_on<&art::W<29>::label>(db::named("")));
};

template <>
struct db::model<art::W<30>> {
  static constexpr auto indexes = db::indexes(db::index_on<&art::W<30>::title, &art::W<30>::label>(db::where("")));
};

template <>
struct db::model<art::W<31>> {
  static constexpr auto foreign_keys =
      db::foreign_keys(db::foreign_key_on<&art::W<31>::owner_id>(db::references<&art::Owner::id>(), db::named("")));
};

template <>
struct db::model<art::W<32>> {
  static constexpr auto table = "";
};

template <>
struct db::model<art::W<33>> {
  static constexpr auto renamed_from = "";
};

template <>
struct db::model<art::W<34>> {
  static constexpr auto fields = db::fields(db::field<&art::W<34>::label>(db::renamed_from("label")));
};

template <>
struct db::model<art::W<35>> {
  static constexpr auto fields = db::fields(db::field<&art::W<35>::label>(db::column_name("name"), db::renamed_from("name")));
};

template <>
struct db::model<art::W<36>> {
  static constexpr auto table = "ws";
  static constexpr auto renamed_from = "ws";
};

template <>
struct db::model<art::W<37>> {
  static constexpr auto renamed_from = "W";
};

template <>
struct db::model<art::W<38>> {
  static constexpr auto fields =
      db::fields(db::field<&art::W<38>::owner_id>(db::references<&art::Owner::id>(db::on_delete::set_null)));
};

template <>
struct db::model<art::W<39>> {
  static constexpr auto fields =
      db::fields(db::field<&art::W<39>::owner_id>(db::references<&art::Owner::id>(db::on_update::set_null)));
};

template <>
struct db::model<art::W<40>> {
  static constexpr auto foreign_keys = db::foreign_keys(db::foreign_key_on<&art::W<40>::maybe_owner_id, &art::W<40>::region>(
      db::references<&art::Owner::id, &art::Owner::region>(db::on_delete::set_null)));
};

template <>
struct db::model<art::W<41>> {
  static constexpr auto fields =
      db::fields(db::field<&art::W<41>::owner_id>(db::references<&art::Owner::id>(db::on_delete::set_default)));
};

template <>
struct db::model<art::W<42>> {
  static constexpr auto fields = db::fields(db::field<&art::W<42>::owner_id>(db::default_value(1)));
  static constexpr auto foreign_keys = db::foreign_keys(db::foreign_key_on<&art::W<42>::owner_id, &art::W<42>::region>(
      db::references<&art::Owner::id, &art::Owner::region>(db::on_update::set_default)));
};

template <>
struct db::model<art::W<43>> {
  static constexpr auto indexs = 1;
};

template <>
struct db::model<art::W<44>> {
  static constexpr auto indices = 1;
};

template <>
struct db::model<art::W<45>> {
  static constexpr auto foreignKeys = 1;
};

template <>
struct db::model<art::W<46>> {
  static constexpr auto foreign_key = 1;
};

template <>
struct db::model<art::W<47>> {
  static constexpr auto primaryKey = 1;
};

template <>
struct db::model<art::W<48>> {
  static constexpr auto field = 1;
};

template <>
struct db::model<art::W<49>> {
  static constexpr auto columns = 1;
};

template <>
struct db::model<art::W<50>> {
  static constexpr auto table_name = 1;
};

template <>
struct db::model<art::W<51>> {
  static constexpr int helper = 1;
};

template <>
struct db::model<art::W<52>> {
  static constexpr auto table = 5;
};

template <>
struct db::model<art::W<53>> {
  static constexpr auto renamed_from = 1;
};

template <>
struct db::model<art::W<54>> {
  static constexpr auto fields = db::field<&art::W<54>::label>(db::unique);
};

template <>
struct db::model<art::W<55>> {
  static constexpr auto indexes = db::foreign_keys(db::foreign_key_on<&art::W<55>::owner_id>(db::references<&art::Owner::id>()));
};

template <>
struct db::model<art::W<56>> {
  static constexpr auto foreign_keys = db::indexes(db::index_on<&art::W<56>::owner_id>());
};

template <>
struct db::model<art::W<57>> {
  static constexpr auto primary_key = db::primary_key;
};

template <>
struct db::model<art::W<58>> {
  static constexpr auto fields = db::fields(db::field<&art::W<58>::label>(db::column_name("name"), db::renamed_from("label")));
};

template <>
struct db::model<art::W<59>> {
  static constexpr auto fields = db::fields(
      db::field<&art::W<59>::maybe_owner_id>(db::references<&art::Owner::id>(db::on_delete::set_null, db::on_update::set_null)));
};

template <>
struct db::model<art::W<60>> {
  static constexpr auto fields = db::fields(
      db::field<&art::W<60>::owner_id>(db::references<&art::Owner::id>(db::on_delete::set_default), db::default_value(1)));
};

template <>
struct db::model<art::W<61>> {
  static constexpr auto fields = db::fields(db::field<&art::W<61>::label>(db::unique, db::indexed), db::field<&art::W<61>::id>(db::primary_key, db::unique));
};

template <>
struct db::model<art::W<62>> {
  static constexpr auto table = "ws";
  static constexpr auto renamed_from = "W";
};

template <>
struct db::model<art::W<63>> {
  static constexpr auto fields = db::fields(db::field<&art::W<63>::label>(db::default_value("")));
};

template <>
struct db::model<art::W<64>> {
  static constexpr auto indexes = db::indexes(db::index_on<&art::W<64>::label>(db::named("by_label"), db::where("id > 0")));
};

template <>
struct db::model<art::W<65>> {
  static constexpr auto fields = db::fields(db::field<&art::W<65>::label>(db::unique));
  static constexpr auto indexes = db::indexes(db::unique_on<&art::W<65>::label>());
};

template <>
struct db::model<art::W<66>> {
  static constexpr auto indexes = db::indexes(db::index_on<&art::W<66>::label, &art::W<66>::title>(db::named("a")),
                                              db::index_on<&art::W<66>::label, &art::W<66>::title>(db::named("b")));
};

template <>
struct db::model<art::W<67>> {
  static constexpr auto fields = db::fields(db::field<&art::W<67>::label>(db::indexed));
  static constexpr auto indexes = db::indexes(
      db::unique_on<&art::W<67>::label>(), db::index_on<&art::W<67>::label>(db::where("id > 0")),
      db::index_on<&art::W<67>::label, &art::W<67>::title>(), db::index_on<&art::W<67>::title, &art::W<67>::label>());
};

namespace {

template <class... Models>
constexpr bool can_push = requires { requires db::pushable<Models...>; };

template <class T>
void check_error(db::model_error error, std::string_view field, std::string_view detail) {
  model_test::check_error<T>(error, field, detail);
  CHECK_FALSE(can_push<T, art::Owner>);
}

}  // namespace


TEST_CASE("an annotation given twice, left empty, made meaningless or misspelt is a named error") {
  check_error<art::W<65>>(db::model_error::index_repeated, "&annotation_rules_test::W<65>::label", "db::unique");
  check_error<art::W<66>>(db::model_error::index_repeated, "&annotation_rules_test::W<66>::label", "db::index_on");
  check_error<art::W<1>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<1>::label", "db::unique");
  check_error<art::W<2>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<2>::title", "a default (db::default_value, db::default_now or db::default_sql)");
  check_error<art::W<3>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<3>::at", "a default (db::default_value, db::default_now or db::default_sql)");
  check_error<art::W<4>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<4>::at", "a default (db::default_value, db::default_now or db::default_sql)");
  check_error<art::W<5>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<5>::label", "db::column_name");
  check_error<art::W<6>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<6>::label", "db::renamed_from");
  check_error<art::W<7>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<7>::label", "a type override (db::varchar, db::decimal, db::uuid, db::json, db::jsonb or db::native)");
  check_error<art::W<8>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<8>::owner_id", "db::references");
  check_error<art::W<9>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<9>::id", "db::primary_key");
  check_error<art::W<10>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<10>::label", "db::named");
  check_error<art::W<11>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<11>::label", "db::where");
  check_error<art::W<12>>(db::model_error::annotation_repeated, "&annotation_rules_test::W<12>::owner_id", "db::named");
  check_error<art::W<13>>(db::model_error::field_repeated, "&annotation_rules_test::W<13>::label", "db::fields");
  check_error<art::W<14>>(db::model_error::field_repeated, "&annotation_rules_test::W<14>::label", "db::index_on");
  check_error<art::W<15>>(db::model_error::field_repeated, "&annotation_rules_test::W<15>::title", "db::unique_on");
  check_error<art::W<16>>(db::model_error::field_repeated, "&annotation_rules_test::W<16>::id", "db::primary_key_on");
  check_error<art::W<17>>(db::model_error::field_repeated, "&annotation_rules_test::W<17>::owner_id", "db::foreign_key_on");
  check_error<art::W<18>>(db::model_error::autoincrement_with_default, "&annotation_rules_test::W<18>::id", "");
  check_error<art::W<19>>(db::model_error::autoincrement_with_default, "&annotation_rules_test::W<19>::id", "");
  check_error<art::W<20>>(db::model_error::ignored_field_used, "&annotation_rules_test::W<20>::label", "db::column_name");
  check_error<art::W<21>>(db::model_error::ignored_field_used, "&annotation_rules_test::W<21>::label", "a default (db::default_value, db::default_now or db::default_sql)");
  check_error<art::W<22>>(db::model_error::ignored_field_used, "&annotation_rules_test::W<22>::label", "a type override (db::varchar, db::decimal, db::uuid, db::json, db::jsonb or db::native)");
  check_error<art::W<23>>(db::model_error::ignored_field_used, "&annotation_rules_test::W<23>::label", "db::renamed_from");
  check_error<art::W<24>>(db::model_error::ignored_field_used, "&annotation_rules_test::W<24>::label", "db::indexed");
  check_error<art::W<25>>(db::model_error::empty_name, "&annotation_rules_test::W<25>::label", "db::column_name");
  check_error<art::W<26>>(db::model_error::empty_name, "&annotation_rules_test::W<26>::label", "db::renamed_from");
  check_error<art::W<27>>(db::model_error::empty_name, "&annotation_rules_test::W<27>::label", "db::default_sql");
  check_error<art::W<28>>(db::model_error::empty_name, "&annotation_rules_test::W<28>::label", "db::native");
  check_error<art::W<29>>(db::model_error::empty_name, "&annotation_rules_test::W<29>::label", "db::named");
  check_error<art::W<30>>(db::model_error::empty_name, "&annotation_rules_test::W<30>::title", "db::where");
  check_error<art::W<31>>(db::model_error::empty_name, "&annotation_rules_test::W<31>::owner_id", "db::named");
  check_error<art::W<32>>(db::model_error::empty_name, "W", "table");
  check_error<art::W<33>>(db::model_error::empty_name, "W", "renamed_from");
  check_error<art::W<34>>(db::model_error::renamed_from_itself, "&annotation_rules_test::W<34>::label", "db::renamed_from");
  check_error<art::W<35>>(db::model_error::renamed_from_itself, "&annotation_rules_test::W<35>::label", "db::renamed_from");
  check_error<art::W<36>>(db::model_error::renamed_from_itself, "W", "renamed_from");
  check_error<art::W<37>>(db::model_error::renamed_from_itself, "W", "renamed_from");
  check_error<art::W<38>>(db::model_error::set_null_on_required, "&annotation_rules_test::W<38>::owner_id", "db::on_delete::set_null");
  check_error<art::W<39>>(db::model_error::set_null_on_required, "&annotation_rules_test::W<39>::owner_id", "db::on_update::set_null");
  check_error<art::W<40>>(db::model_error::set_null_on_required, "&annotation_rules_test::W<40>::region", "db::on_delete::set_null");
  check_error<art::W<41>>(db::model_error::set_default_without_default, "&annotation_rules_test::W<41>::owner_id", "db::on_delete::set_default");
  check_error<art::W<42>>(db::model_error::set_default_without_default, "&annotation_rules_test::W<42>::region", "db::on_update::set_default");
  check_error<art::W<43>>(db::model_error::unknown_model_member, "W", "indexs");
  check_error<art::W<44>>(db::model_error::unknown_model_member, "W", "indices");
  check_error<art::W<45>>(db::model_error::unknown_model_member, "W", "foreignKeys");
  check_error<art::W<46>>(db::model_error::unknown_model_member, "W", "foreign_key");
  check_error<art::W<47>>(db::model_error::unknown_model_member, "W", "primaryKey");
  check_error<art::W<48>>(db::model_error::unknown_model_member, "W", "field");
  check_error<art::W<49>>(db::model_error::unknown_model_member, "W", "columns");
  check_error<art::W<50>>(db::model_error::unknown_model_member, "W", "table_name");
  check_error<art::W<51>>(db::model_error::unknown_model_member, "W", "(no known member)");
  check_error<art::W<52>>(db::model_error::model_member_misdeclared, "W", "table");
  check_error<art::W<53>>(db::model_error::model_member_misdeclared, "W", "renamed_from");
  check_error<art::W<54>>(db::model_error::model_member_misdeclared, "W", "fields");
  check_error<art::W<55>>(db::model_error::model_member_misdeclared, "W", "indexes");
  check_error<art::W<56>>(db::model_error::model_member_misdeclared, "W", "foreign_keys");
  check_error<art::W<57>>(db::model_error::model_member_misdeclared, "W", "primary_key");
}

TEST_CASE("the same annotations where they mean something are accepted") {
  static_assert(can_push<art::W<67>, art::Owner>);  // indexes that differ in order, uniqueness or predicate
  static_assert(can_push<art::W<58>, art::Owner>);
  static_assert(can_push<art::W<59>, art::Owner>);
  static_assert(can_push<art::W<60>, art::Owner>);
  static_assert(can_push<art::W<61>, art::Owner>);
  static_assert(can_push<art::W<62>, art::Owner>);
  static_assert(can_push<art::W<63>, art::Owner>);
  static_assert(can_push<art::W<64>, art::Owner>);
  // (Every W is table "W": one at a time.)
  const db::schema s = db::schema_of<art::W<58>>(db::dialect::sqlite);
  REQUIRE(s.tables.size() == 1);
  CHECK(s.tables[0].columns[1].name == "name");
  CHECK(s.tables[0].columns[1].renamed_from == "label");
}
