{
  "targets": [
    {
      "target_name": "contrail_kernels",
      "sources": ["src/kernels/native/exponential-sums.c"],
      "cflags": ["-O3", "-ffp-contract=off", "-fno-fast-math", "-std=gnu11"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-ffp-contract=off", "-fno-fast-math"] }
    },
    {
      "target_name": "contrail_sorts",
      "sources": ["src/kernels/native/radix-sort.c", "src/kernels/native/pooled-scan.c", "src/kernels/native/branch-moments.c", "src/kernels/native/id-hashes.c", "src/kernels/native/order-statistics.c", "src/kernels/native/binomial-sample.c", "src/kernels/native/multinomial-ratio.c", "src/kernels/native/block-ratio.c", "src/kernels/native/poisson-table.c", "src/kernels/native/poisson-multinomial.c", "src/kernels/native/fdlibm.c", "src/kernels/native/gather-rows.c", "src/kernels/native/scatter-rows.c", "src/kernels/native/float64-scans.c", "src/kernels/native/tally-branches.c", "src/kernels/native/shared-sums-plan.c"],
      "cflags": ["-O3", "-ffp-contract=off", "-fno-fast-math", "-std=gnu11", "-Wall", "-Wextra"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-ffp-contract=off", "-fno-fast-math", "-Wall", "-Wextra"] }
    },
    {
      "target_name": "contrail_parquet",
      "sources": ["src/sources/native/parquet-chunk.c", "src/sources/native/snappy.c"],
      "cflags": ["-O3", "-std=gnu11", "-Wall", "-Wextra"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-Wall", "-Wextra"] }
    }
  ]
}
