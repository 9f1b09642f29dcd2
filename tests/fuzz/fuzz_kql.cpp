// libFuzzer target: the KQL parser and evaluator over a small fixed table, with tight limits.
#include "alertdrill/kql.hpp"

#include <cstdint>
#include <string>

using namespace alertdrill;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static Table table = [] {
        Table t("Syslog");
        // Columns first: references into the column vector would dangle as it grows.
        t.add_column("TimeGenerated", ColumnType::DateTime);
        t.add_column("Computer", ColumnType::String);
        t.add_column("SyslogMessage", ColumnType::String);
        t.add_column("ProcessID", ColumnType::Long);
        t.add_column("Properties", ColumnType::Dynamic);
        auto& time = t.columns()[0];
        auto& host = t.columns()[1];
        auto& msg = t.columns()[2];
        auto& n = t.columns()[3];
        auto& dyn = t.columns()[4];
        for (int i = 0; i < 64; ++i) {
            time.push_int(1'773'454'200'000'000LL + i * 60'000'000LL);
            host.push_string(i % 3 ? "vm-web-prod-01" : "vm-web-prod-02");
            msg.push_string(i % 5 ? "Accepted publickey for azureuser"
                                  : "Failed password for root from 203.0.113.7");
            n.push_int(i * 7);
            dyn.push_string(i % 2 ? "{\"a\":[1,2,3],\"b\":\"x\"}" : "[\"p\",\"q\"]");
        }
        t.mark_key(5, "k5");
        return t;
    }();
    kql::TableSet set;
    set.add(table);
    kql::Options o;
    o.now_us = 1'773'454'200'000'000LL;
    o.max_work = 200'000;
    o.max_intermediate_rows = 20'000;
    o.max_result_rows = 500;
    auto r = kql::run(std::string_view(reinterpret_cast<const char*>(data), size), set, o);
    if (auto* e = std::get_if<kql::Error>(&r))
        (void)kql::format_error(std::string_view(reinterpret_cast<const char*>(data), size), *e);
    else
        (void)kql::to_query_api_json(std::get<kql::Result>(r))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return 0;
}
