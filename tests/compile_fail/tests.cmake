# Compile-time errors of the model DSL: each must fail with its "dbpush:" message
# and name the model (and field) in the diagnostic; each twin must compile.
set(dbpush_compile_fail_dir ${CMAKE_CURRENT_LIST_DIR})
function(dbpush_model_compile_fail name regex)
  dbpush_compile_fail(NAME model_${name} SOURCE ${dbpush_compile_fail_dir}/${name}.cpp REGEX "${regex}")
endfunction()

dbpush_model_compile_fail(no_primary_key
  "invalid_model<Widget, [^\n]*\"Widget\"[^\n]*no_primary_key.*dbpush: the model has no primary key and no unique field")
dbpush_model_compile_fail(two_primary_keys
  "invalid_model<Widget, [^\n]*\"b\".*dbpush: the model has two primary keys")
dbpush_model_compile_fail(autoincrement_not_integer
  "invalid_model<Widget, [^\n]*\"code\".*dbpush: db::autoincrement on a field that is not an integer primary key")
dbpush_model_compile_fail(default_type_mismatch
  "invalid_model<Widget, [^\n]*\"colour\".*dbpush: the type of db::default_value\\(...\\) does not match the field")
dbpush_model_compile_fail(member_of_other_struct
  "invalid_model<Widget, [^\n]*\"&Gadget::serial\".*dbpush: an annotation names a member of another struct")
dbpush_model_compile_fail(referenced_model_missing
  "invalid_model_list<[^\n]*\"Widget\"[^\n]*\"owner_id\"[^\n]*\"Owner\".*dbpush: a foreign key of the model named here references a model")
dbpush_model_compile_fail(foreign_key_type_mismatch
  "invalid_model<Widget, [^\n]*\"&Widget::owner_id\".*dbpush: the foreign key field's type differs from the referenced key's type")
dbpush_model_compile_fail(duplicate_column
  "invalid_model<Widget, [^\n]*\"label\".*dbpush: two fields map to the same column name")
dbpush_model_compile_fail(duplicate_table
  "invalid_model_list<[^\n]*\"Widget\"[^\n]*\"Gadget\".*dbpush: two models map to the same table name")
dbpush_model_compile_fail(unsupported_type
  "invalid_model<Widget, [^\n]*\"position\".*dbpush: unsupported field type: use bool, an integer type")
dbpush_model_compile_fail(referenced_key_not_unique
  "invalid_model<Widget, [^\n]*\"&Widget::owner_handle\".*dbpush: the foreign key references fields that are neither the referenced model's primary key nor unique")
dbpush_model_compile_fail(nullable_primary_key
  "invalid_model<Widget, [^\n]*\"code\".*dbpush: a primary key field is std::optional")
dbpush_model_compile_fail(ignored_field_used
  "invalid_model<Widget, [^\n]*\"cache\".*dbpush: a field marked db::ignore is keyed, indexed or referenced")
dbpush_model_compile_fail(duplicate_enum_name
  "invalid_model_list<[^\n]*\"Widget\"[^\n]*\"status\"[^\n]*\"Parcel\".*dbpush: two different C\\+\\+ enums with the same name")
