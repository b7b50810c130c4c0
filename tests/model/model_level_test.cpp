// Model-level declarations: table name and rename, composite primary key,
// composite unique, named and partial indexes, composite foreign keys.
#include "models.hpp"

#include <doctest/doctest.h>

namespace model_level_test {

struct Tenant {
  std::int32_t region;
  std::int32_t number;
  std::string name;
};

struct Invoice {
  std::int64_t id;
  std::int32_t tenant_region;
  std::int32_t tenant_number;
  std::string code;
  std::optional<std::string> note;
  bool paid;
};

}  // namespace model_level_test

template <>
struct db::model<model_level_test::Tenant> {
  using T = model_level_test::Tenant;
  static constexpr auto table = "tenants";
  static constexpr auto renamed_from = "customers";
  static constexpr auto primary_key = db::primary_key_on<&T::region, &T::number>();
  static constexpr auto indexes = db::indexes(db::unique_on<&T::name>(db::named("tenant_name_unique")));
};

template <>
struct db::model<model_level_test::Invoice> {
  using I = model_level_test::Invoice;
  static constexpr auto table = "invoices";
  static constexpr auto indexes = db::indexes(
      db::unique_on<&I::tenant_region, &I::tenant_number, &I::code>(),
      db::index_on<&I::paid, &I::code>(db::named("open_invoices"), db::where("paid = 0")),
      db::index_on<&I::note>());
  static constexpr auto foreign_keys = db::foreign_keys(
      db::foreign_key_on<&I::tenant_region, &I::tenant_number>(
          db::references<&model_level_test::Tenant::region, &model_level_test::Tenant::number>(db::on_delete::cascade)));
};

namespace {

using model_level_test::Invoice;
using model_level_test::Tenant;

constexpr const db::model_description& tenant = db::description_of<Tenant>;
static_assert(tenant.table == "tenants" && tenant.renamed_from == "customers");
static_assert(tenant.primary_key.size() == 2 && tenant.primary_key[1] == "number");
static_assert(!tenant.columns[0].primary_key);  // composite keys are model-level only

constexpr const db::model_description& invoice = db::description_of<Invoice>;
static_assert(invoice.foreign_keys.size() == 1);
static_assert(invoice.foreign_keys[0].columns.size() == 2);
static_assert(invoice.foreign_keys[0].referenced_columns[1] == "number");
static_assert(invoice.indexes[1].where == "paid = 0");

}  // namespace

TEST_CASE("model-level declarations, printed") {
  // Invoice listed first: it comes out after the table it references.
  const db::schema s = db::schema_of<Invoice, Tenant>(db::dialect::sqlite);
  CHECK(model_test::printed(s) ==
        "table tenants (renamed from customers) {\n"
        "  region INTEGER NOT NULL\n"
        "  number INTEGER NOT NULL\n"
        "  name TEXT NOT NULL\n"
        "  PRIMARY KEY (region, number)\n"
        "  UNIQUE INDEX tenant_name_unique (name)\n"
        "}\n"
        "table invoices {\n"
        "  id INTEGER NOT NULL AUTOINCREMENT\n"
        "  tenant_region INTEGER NOT NULL\n"
        "  tenant_number INTEGER NOT NULL\n"
        "  code TEXT NOT NULL\n"
        "  note TEXT NULL\n"
        "  paid BOOLEAN NOT NULL\n"
        "  PRIMARY KEY (id)\n"
        "  INDEX invoices_note_idx (note)\n"
        "  UNIQUE INDEX invoices_tenant_region_tenant_number_code_key (tenant_region, tenant_number, code)\n"
        "  INDEX open_invoices (paid, code) WHERE paid = 0\n"
        "  FOREIGN KEY invoices_tenant_region_tenant_number_fkey (tenant_region, tenant_number) REFERENCES tenants "
        "(region, number) ON DELETE CASCADE ON UPDATE NO ACTION\n"
        "}\n");
}
