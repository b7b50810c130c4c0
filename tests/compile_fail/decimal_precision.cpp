// A decimal of precision 0 (PostgreSQL refuses it when the column is created).
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::decimal<10, 2>));
#else
  static constexpr auto fields = db::fields(db::field<&Widget::label>(db::decimal<0, 0>));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
