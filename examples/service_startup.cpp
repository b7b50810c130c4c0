// dbpush in a service: every instance pushes its models to PostgreSQL when it
// starts, before it serves. Several instances may start at once (a rolling
// deploy, a scaled-out replica set): each push is one transaction that first
// takes an advisory lock on the managed schema, so one instance applies the
// changes and the others wait, then find the schema in sync. A push that would
// lose data stops the instance: a deploy never drops data by itself.
//   DATABASE_URL=postgresql://app@db:5432/app [APP_DB_SCHEMA=tenant] service_startup
#include <dbpush/dbpush.hpp>
#include <dbpush/postgres.hpp>

#include <pqxx/connection>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

enum class OrderStatus { pending, paid, shipped };

struct Customer {
  std::int64_t id;
  std::string email;
  std::optional<std::string> name;
};
struct Order {
  std::int64_t id;
  std::int64_t customer_id;
  OrderStatus status;
  std::chrono::sys_seconds placed_at;
};

template <> struct db::model<Customer> {
  static constexpr auto table = "customers";
  static constexpr auto fields = db::fields(db::field<&Customer::id>(db::primary_key, db::autoincrement),
                                            db::field<&Customer::email>(db::unique));
};
template <> struct db::model<Order> {
  static constexpr auto table = "orders";
  static constexpr auto fields = db::fields(
      db::field<&Order::id>(db::primary_key, db::autoincrement),
      db::field<&Order::customer_id>(db::references<&Customer::id>(db::on_delete::restrict)),
      db::field<&Order::status>(db::default_value(OrderStatus::pending)),
      db::field<&Order::placed_at>(db::default_now));
};

int main() {
  const char* url = std::getenv("DATABASE_URL");
  if (!url || !*url) {
    std::cerr << "service_startup: set DATABASE_URL (postgresql://user@host:port/database)\n";
    return 2;
  }
  db::push_options options;
  if (const char* schema = std::getenv("APP_DB_SCHEMA")) options.postgres.schema = schema;
  try {
    pqxx::connection conn(url);
    const db::push_result r = db::push<Customer, Order>(conn, options);
    std::cout << "service_startup: schema " << (r.changed ? "changed" : "in sync") << ", serving\n";
    return 0;
  } catch (const db::data_loss_error& e) {
    std::cerr << "service_startup: not starting, the models would lose data:\n" << e.what() << '\n';
  } catch (const db::unexecutable_error& e) {
    std::cerr << "service_startup: not starting, the data forbids the models:\n" << e.what() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "service_startup: not starting: " << e.what() << '\n';
  }
  return 1;
}
