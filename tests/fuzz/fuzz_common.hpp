#pragma once
// Shared by the fuzz harnesses: the shipped action catalog, loaded once per process.
#include "alertdrill/catalog.hpp"

inline const alertdrill::Catalog& fuzz_catalog() {
    static alertdrill::Catalog catalog = [] {
        alertdrill::Catalog c;
        alertdrill::Diagnostics d;
        alertdrill::load_catalog(alertdrill::default_catalog_path(), c, d);
        return c;
    }();
    return catalog;
}
