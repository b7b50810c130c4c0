// Spellings of partial index predicates and column defaults that both dialects
// accept, over the columns of the `orders` table that tests/postgres/
// expressions_test.cpp and tests/sqlite/expressions_test.cpp declare alike
// (status: enum active/pending/done, email, code VARCHAR(10), paid boolean,
// amount integer, "Region", total NUMERIC(10,2), note, deleted_at, created_at,
// meta, token). PostgreSQL rewrites most of them when it stores them, SQLite
// keeps them as written; on both, each must push once and then be a no-op.
// Each dialect's test adds the spellings only it accepts.
#pragma once

#include <string>
#include <vector>

namespace spellings {

inline const std::vector<std::string> predicates = {
    "status IN ('active', 'pending')",
    "status IN ('pending')",
    "email IN ('a@example.com', 'b@example.com')",
    "email IN ('a@example.com')",
    "code IN ('x', 'y')",
    "code IN ('x')",
    "email NOT IN ('a', 'b')",
    "status NOT IN ('done')",
    "deleted_at IS NULL",
    "note IS NOT NULL",
    "deleted_at is null and note is not null",
    "paid",
    "paid = false",
    "NOT paid",
    "paid IS TRUE",
    "email LIKE '%@example.com'",
    "CAST(amount AS TEXT) <> '0'",
    "amount * 2 + 1 > 10",
    "lower(email) = 'a@example.com'",
    "LOWER( email ) <> ''",
    "amount BETWEEN 1 AND 10",
    "amount NOT BETWEEN -10 AND -1",
    "\"Region\" = 'EU'",
    "  ( ( amount   >  0 ) )  ",
    "(amount > 0) AND ((total < 100) OR (note IS NULL))",
    "amount > -1",
    "total > 9.99",
    "total >= -0.5",
    "created_at > '2024-01-01'",
    "status <> 'done' AND code = 'x'",
    "coalesce(note, '') = ''",
    "length(code) > 2",
};

struct default_case {
  std::string column;
  std::string expression;
};

inline const std::vector<default_case> defaults = {
    {"created_at", "CURRENT_TIMESTAMP"},
    {"created_at", "current_timestamp"},
    {"created_at", "'2024-01-01'"},
    {"meta", "'{}'"},
    {"meta", "'{\"a\": 1}'"},
    {"amount", "-1"},
    {"amount", "(1 + 2)"},
    {"amount", "0"},
    {"total", "-1.5"},
    {"code", "'x'"},
    {"note", "(lower('ABC'))"},
    {"note", "'it''s'"},
    {"note", "('a' || 'b')"},
    {"paid", "false"},
    {"paid", "FALSE"},
    {"status", "'pending'"},
    {"Region", "(upper('eu'))"},
};

}  // namespace spellings
