;; ROI sums over row spans of a frame, with 128-bit SIMD: the hot loop of the radiography analysis
;; (core/imaging/accumulate.ts). Compiled by scripts/build-wasm.mjs into roi-sums.wasm.ts (base64); a unit test
;; checks that the committed binary is this source's.
;;
;; sum_spans_<type>(pix, spans, n, out): for each of the n spans (i32 triples at `spans`: region index, first pixel,
;; end pixel, as indices into the frame at `pix`), out[region] += Σ pixels [first, end) (out: f64 array).
;; Lanes are 32-bit: the caller splits spans longer than 131,072 pixels so that no lane can overflow.

(module
  (memory (export "memory") 1)

  (func $lanes_u (param $acc v128) (result i64)
    (i64.add
      (i64.add (i64.extend_i32_u (i32x4.extract_lane 0 (local.get $acc))) (i64.extend_i32_u (i32x4.extract_lane 1 (local.get $acc))))
      (i64.add (i64.extend_i32_u (i32x4.extract_lane 2 (local.get $acc))) (i64.extend_i32_u (i32x4.extract_lane 3 (local.get $acc))))))

  (func $lanes_s (param $acc v128) (result i64)
    (i64.add
      (i64.add (i64.extend_i32_s (i32x4.extract_lane 0 (local.get $acc))) (i64.extend_i32_s (i32x4.extract_lane 1 (local.get $acc))))
      (i64.add (i64.extend_i32_s (i32x4.extract_lane 2 (local.get $acc))) (i64.extend_i32_s (i32x4.extract_lane 3 (local.get $acc))))))

  ;; out[spans[3s]] += sum
  (func $store (param $spanAt i32) (param $out i32) (param $sum i64)
    (local $at i32)
    (local.set $at (i32.add (local.get $out) (i32.shl (i32.load (local.get $spanAt)) (i32.const 3))))
    (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.convert_i64_s (local.get $sum)))))

  (func (export "sum_spans_u16") (param $pix i32) (param $spans i32) (param $n i32) (param $out i32)
    (local $s i32) (local $at i32) (local $p i32) (local $end i32) (local $a v128) (local $b v128) (local $sum i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $s) (local.get $n)))
        (local.set $at (i32.add (local.get $spans) (i32.mul (local.get $s) (i32.const 12))))
        (local.set $p (i32.add (local.get $pix) (i32.shl (i32.load offset=4 (local.get $at)) (i32.const 1))))
        (local.set $end (i32.add (local.get $pix) (i32.shl (i32.load offset=8 (local.get $at)) (i32.const 1))))
        (local.set $a (v128.const i32x4 0 0 0 0))
        (local.set $b (v128.const i32x4 0 0 0 0))
        (block $v2done
          (loop $v2
            (br_if $v2done (i32.gt_u (i32.add (local.get $p) (i32.const 32)) (local.get $end)))
            (local.set $a (i32x4.add (local.get $a) (i32x4.extadd_pairwise_i16x8_u (v128.load align=1 (local.get $p)))))
            (local.set $b (i32x4.add (local.get $b) (i32x4.extadd_pairwise_i16x8_u (v128.load offset=16 align=1 (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (br $v2)))
        (block $v1done
          (br_if $v1done (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
          (local.set $a (i32x4.add (local.get $a) (i32x4.extadd_pairwise_i16x8_u (v128.load align=1 (local.get $p)))))
          (local.set $p (i32.add (local.get $p) (i32.const 16))))
        (local.set $sum (i64.add (call $lanes_u (local.get $a)) (call $lanes_u (local.get $b))))
        (block $tdone
          (loop $t
            (br_if $tdone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.load16_u (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $t)))
        (call $store (local.get $at) (local.get $out) (local.get $sum))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next))))

  (func (export "sum_spans_s16") (param $pix i32) (param $spans i32) (param $n i32) (param $out i32)
    (local $s i32) (local $at i32) (local $p i32) (local $end i32) (local $a v128) (local $sum i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $s) (local.get $n)))
        (local.set $at (i32.add (local.get $spans) (i32.mul (local.get $s) (i32.const 12))))
        (local.set $p (i32.add (local.get $pix) (i32.shl (i32.load offset=4 (local.get $at)) (i32.const 1))))
        (local.set $end (i32.add (local.get $pix) (i32.shl (i32.load offset=8 (local.get $at)) (i32.const 1))))
        (local.set $a (v128.const i32x4 0 0 0 0))
        (block $vdone
          (loop $v
            (br_if $vdone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            (local.set $a (i32x4.add (local.get $a) (i32x4.extadd_pairwise_i16x8_s (v128.load align=1 (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $v)))
        (local.set $sum (call $lanes_s (local.get $a)))
        (block $tdone
          (loop $t
            (br_if $tdone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_s (i32.load16_s (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $t)))
        (call $store (local.get $at) (local.get $out) (local.get $sum))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next))))

  (func (export "sum_spans_u8") (param $pix i32) (param $spans i32) (param $n i32) (param $out i32)
    (local $s i32) (local $at i32) (local $p i32) (local $end i32) (local $a v128) (local $sum i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $s) (local.get $n)))
        (local.set $at (i32.add (local.get $spans) (i32.mul (local.get $s) (i32.const 12))))
        (local.set $p (i32.add (local.get $pix) (i32.load offset=4 (local.get $at))))
        (local.set $end (i32.add (local.get $pix) (i32.load offset=8 (local.get $at))))
        (local.set $a (v128.const i32x4 0 0 0 0))
        (block $vdone
          (loop $v
            (br_if $vdone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            (local.set $a (i32x4.add (local.get $a) (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (v128.load align=1 (local.get $p))))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $v)))
        (local.set $sum (call $lanes_u (local.get $a)))
        (block $tdone
          (loop $t
            (br_if $tdone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.load8_u (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $t)))
        (call $store (local.get $at) (local.get $out) (local.get $sum))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next))))
)
