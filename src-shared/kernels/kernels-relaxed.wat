(module
  (type $t0 (func (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (type $t1 (func (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (type $t2 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t3 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t4 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t5 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t6 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t7 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t8 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t9 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t10 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t11 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t12 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t13 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t14 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t15 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t16 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t17 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t18 (func (param i32 i32 i32 i32 i32 f32 i32 i32 i32 i32 f32 i32 i32 i32)))
  (type $t19 (func (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (type $t20 (func (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (type $t21 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t22 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t23 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t24 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t25 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t26 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t27 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t28 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t29 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t30 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t31 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t32 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t33 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t34 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t35 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t36 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t37 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t38 (func (param i32 i32 i32 i32 i32 i32 f32 f32 i32 i32)))
  (type $t39 (func (param i32 i32 i32 i32 i32 f32 i32 i32 i32 i32 f32 i32 i32 i32)))
  (type $t40 (func (param i32 f32 i32 f32 i32)))
  (type $t41 (func (param i32 i32 i32) (result f64)))
  (type $t42 (func (param i32 i32) (result f64)))
  (type $t43 (func (param i32 f32 i32)))
  (type $t44 (func (param i32 i32 i32 i32)))
  (type $t45 (func (param i32 i32 i32)))
  (type $t46 (func (param i32 i32 i32 i32)))
  (type $t47 (func (param i32 i32 i32 i32)))
  (import "env" "memory" (memory $env.memory 1 65536 shared))
  (func $f0 (type $t0) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 i32) (param $p7 i32)
    (local $l8 i32) (local $l9 i32) (local $l10 i32) (local $l11 i32) (local $l12 i32) (local $l13 i32) (local $l14 i32) (local $l15 i32) (local $l16 i32) (local $l17 i32) (local $l18 v128) (local $l19 v128) (local $l20 v128) (local $l21 v128) (local $l22 v128) (local $l23 v128) (local $l24 v128) (local $l25 v128) (local $l26 v128) (local $l27 v128) (local $l28 v128) (local $l29 v128) (local $l30 i32)
    local.get $p0
    if $I0
      i32.const 4
      local.set $l15
      local.get $p2
      i32.const 2
      i32.shl
      local.set $l16
    else
      local.get $p2
      i32.const 2
      i32.shl
      local.set $l15
      i32.const 4
      local.set $l16
    end
    local.get $p4
    i32.const -4
    i32.and
    local.set $l30
    i32.const 0
    local.set $l8
    block $B1
      loop $L2
        local.get $l8
        local.get $p6
        i32.ge_s
        br_if $B1
        i32.const 8
        local.get $p6
        local.get $l8
        i32.sub
        i32.const 8
        local.get $p6
        local.get $l8
        i32.sub
        i32.lt_s
        select
        local.set $l9
        local.get $l9
        i32.const 3
        i32.add
        i32.const -4
        i32.and
        local.set $l10
        local.get $p7
        local.get $l8
        local.get $p4
        i32.mul
        i32.const 2
        i32.shl
        i32.add
        local.set $l11
        local.get $p1
        local.get $p3
        local.get $l15
        i32.mul
        i32.add
        local.get $p5
        local.get $l8
        i32.add
        local.get $l16
        i32.mul
        i32.add
        local.set $l12
        local.get $l9
        local.get $l10
        i32.ne
        if $I3
          i32.const 0
          local.set $l13
          block $B4
            loop $L5
              local.get $l13
              local.get $p4
              i32.ge_s
              br_if $B4
              i32.const 0
              local.set $l14
              block $B6
                loop $L7
                  local.get $l14
                  local.get $l10
                  i32.ge_s
                  br_if $B6
                  local.get $l11
                  local.get $l14
                  i32.const 2
                  i32.shl
                  i32.add
                  local.get $l12
                  local.get $l14
                  local.get $l16
                  i32.mul
                  i32.add
                  f32.load
                  f32.const 0x0p+0 (;=0;)
                  local.get $l14
                  local.get $l9
                  i32.lt_s
                  select
                  f32.store
                  local.get $l14
                  i32.const 1
                  i32.add
                  local.set $l14
                  br $L7
                end
              end
              local.get $l11
              local.get $l10
              i32.const 2
              i32.shl
              i32.add
              local.set $l11
              local.get $l12
              local.get $l15
              i32.add
              local.set $l12
              local.get $l13
              i32.const 1
              i32.add
              local.set $l13
              br $L5
            end
          end
        else
          local.get $p0
          if $I8
            local.get $l10
            i32.const 8
            i32.eq
            if $I9
              i32.const 0
              local.set $l13
              block $B10
                loop $L11
                  local.get $l13
                  local.get $l30
                  i32.ge_s
                  br_if $B10
                  local.get $l12
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l18
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l19
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l20
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l21
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l22
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l23
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l24
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l25
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l18
                  local.get $l19
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l26
                  local.get $l18
                  local.get $l19
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l27
                  local.get $l20
                  local.get $l21
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l28
                  local.get $l20
                  local.get $l21
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l29
                  local.get $l11
                  local.get $l26
                  local.get $l28
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store align=4
                  local.get $l11
                  local.get $l26
                  local.get $l28
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=32 align=4
                  local.get $l11
                  local.get $l27
                  local.get $l29
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store offset=64 align=4
                  local.get $l11
                  local.get $l27
                  local.get $l29
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=96 align=4
                  local.get $l22
                  local.get $l23
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l26
                  local.get $l22
                  local.get $l23
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l27
                  local.get $l24
                  local.get $l25
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l28
                  local.get $l24
                  local.get $l25
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l29
                  local.get $l11
                  local.get $l26
                  local.get $l28
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store offset=16 align=4
                  local.get $l11
                  local.get $l26
                  local.get $l28
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=48 align=4
                  local.get $l11
                  local.get $l27
                  local.get $l29
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store offset=80 align=4
                  local.get $l11
                  local.get $l27
                  local.get $l29
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=112 align=4
                  local.get $l11
                  i32.const 128
                  i32.add
                  local.set $l11
                  local.get $l12
                  i32.const 16
                  i32.add
                  local.set $l12
                  local.get $l13
                  i32.const 4
                  i32.add
                  local.set $l13
                  br $L11
                end
              end
              local.get $l30
              local.set $l13
              block $B12
                loop $L13
                  local.get $l13
                  local.get $p4
                  i32.ge_s
                  br_if $B12
                  local.get $l12
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=4
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=8
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=12
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=16
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=20
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=24
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=28
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  i32.const 32
                  i32.add
                  local.set $l11
                  local.get $l12
                  i32.const 4
                  i32.add
                  local.set $l12
                  local.get $l13
                  i32.const 1
                  i32.add
                  local.set $l13
                  br $L13
                end
              end
            else
              i32.const 0
              local.set $l13
              block $B14
                loop $L15
                  local.get $l13
                  local.get $l30
                  i32.ge_s
                  br_if $B14
                  local.get $l12
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l18
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l19
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l20
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l21
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l18
                  local.get $l19
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l26
                  local.get $l18
                  local.get $l19
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l27
                  local.get $l20
                  local.get $l21
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l28
                  local.get $l20
                  local.get $l21
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l29
                  local.get $l11
                  local.get $l26
                  local.get $l28
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store align=4
                  local.get $l11
                  local.get $l26
                  local.get $l28
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=16 align=4
                  local.get $l11
                  local.get $l27
                  local.get $l29
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store offset=32 align=4
                  local.get $l11
                  local.get $l27
                  local.get $l29
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=48 align=4
                  local.get $l11
                  i32.const 64
                  i32.add
                  local.set $l11
                  local.get $l12
                  i32.const 16
                  i32.add
                  local.set $l12
                  local.get $l13
                  i32.const 4
                  i32.add
                  local.set $l13
                  br $L15
                end
              end
              local.get $l30
              local.set $l13
              block $B16
                loop $L17
                  local.get $l13
                  local.get $p4
                  i32.ge_s
                  br_if $B16
                  local.get $l12
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=4
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=8
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=12
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  i32.const 16
                  i32.add
                  local.set $l11
                  local.get $l12
                  i32.const 4
                  i32.add
                  local.set $l12
                  local.get $l13
                  i32.const 1
                  i32.add
                  local.set $l13
                  br $L17
                end
              end
            end
          else
            local.get $l10
            i32.const 8
            i32.eq
            if $I18
              i32.const 0
              local.set $l13
              block $B19
                loop $L20
                  local.get $l13
                  local.get $p4
                  i32.ge_s
                  br_if $B19
                  local.get $l11
                  local.get $l12
                  v128.load align=4
                  v128.store align=4
                  local.get $l11
                  local.get $l12
                  v128.load offset=16 align=4
                  v128.store offset=16 align=4
                  local.get $l11
                  i32.const 32
                  i32.add
                  local.set $l11
                  local.get $l12
                  local.get $l15
                  i32.add
                  local.set $l12
                  local.get $l13
                  i32.const 1
                  i32.add
                  local.set $l13
                  br $L20
                end
              end
            else
              i32.const 0
              local.set $l13
              block $B21
                loop $L22
                  local.get $l13
                  local.get $p4
                  i32.ge_s
                  br_if $B21
                  local.get $l11
                  local.get $l12
                  v128.load align=4
                  v128.store align=4
                  local.get $l11
                  i32.const 16
                  i32.add
                  local.set $l11
                  local.get $l12
                  local.get $l15
                  i32.add
                  local.set $l12
                  local.get $l13
                  i32.const 1
                  i32.add
                  local.set $l13
                  br $L22
                end
              end
            end
          end
        end
        local.get $l8
        i32.const 8
        i32.add
        local.set $l8
        br $L2
      end
    end)
  (func $f1 (type $t1) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 i32) (param $p7 i32)
    (local $l8 i32) (local $l9 i32) (local $l10 i32) (local $l11 i32) (local $l12 i32) (local $l13 i32) (local $l14 i32) (local $l15 i32) (local $l16 i32) (local $l17 i32) (local $l18 v128) (local $l19 v128) (local $l20 v128) (local $l21 v128) (local $l22 v128) (local $l23 v128) (local $l24 v128) (local $l25 v128)
    local.get $p0
    if $I0
      local.get $p2
      i32.const 2
      i32.shl
      local.set $l14
      i32.const 4
      local.set $l15
    else
      i32.const 4
      local.set $l14
      local.get $p2
      i32.const 2
      i32.shl
      local.set $l15
    end
    local.get $p6
    i32.const -4
    i32.and
    local.set $l16
    i32.const 0
    local.set $l8
    block $B1
      loop $L2
        local.get $l8
        local.get $p4
        i32.ge_s
        br_if $B1
        i32.const 4
        local.get $p4
        local.get $l8
        i32.sub
        i32.const 4
        local.get $p4
        local.get $l8
        i32.sub
        i32.lt_s
        select
        local.set $l9
        local.get $p7
        local.get $l8
        local.get $p6
        i32.mul
        i32.const 2
        i32.shl
        i32.add
        local.set $l10
        local.get $p1
        local.get $p3
        local.get $l8
        i32.add
        local.get $l15
        i32.mul
        i32.add
        local.get $p5
        local.get $l14
        i32.mul
        i32.add
        local.set $l11
        local.get $l9
        i32.const 4
        i32.ne
        if $I3
          i32.const 0
          local.set $l12
          block $B4
            loop $L5
              local.get $l12
              local.get $p6
              i32.ge_s
              br_if $B4
              local.get $l11
              local.set $l17
              i32.const 0
              local.set $l13
              block $B6
                loop $L7
                  local.get $l13
                  local.get $l9
                  i32.ge_s
                  br_if $B6
                  local.get $l10
                  local.get $l13
                  i32.const 2
                  i32.shl
                  i32.add
                  local.get $l17
                  f32.load
                  f32.store
                  local.get $l17
                  local.get $l15
                  i32.add
                  local.set $l17
                  local.get $l13
                  i32.const 1
                  i32.add
                  local.set $l13
                  br $L7
                end
              end
              local.get $l10
              i32.const 16
              i32.add
              local.set $l10
              local.get $l11
              local.get $l14
              i32.add
              local.set $l11
              local.get $l12
              i32.const 1
              i32.add
              local.set $l12
              br $L5
            end
          end
        else
          local.get $p0
          if $I8
            i32.const 0
            local.set $l12
            block $B9
              loop $L10
                local.get $l12
                local.get $p6
                i32.ge_s
                br_if $B9
                local.get $l10
                local.get $l11
                v128.load align=4
                v128.store align=4
                local.get $l10
                i32.const 16
                i32.add
                local.set $l10
                local.get $l11
                local.get $l14
                i32.add
                local.set $l11
                local.get $l12
                i32.const 1
                i32.add
                local.set $l12
                br $L10
              end
            end
          else
            i32.const 0
            local.set $l12
            block $B11
              loop $L12
                local.get $l12
                local.get $l16
                i32.ge_s
                br_if $B11
                local.get $l11
                local.set $l17
                local.get $l17
                v128.load align=4
                local.set $l18
                local.get $l17
                local.get $l15
                i32.add
                local.set $l17
                local.get $l17
                v128.load align=4
                local.set $l19
                local.get $l17
                local.get $l15
                i32.add
                local.set $l17
                local.get $l17
                v128.load align=4
                local.set $l20
                local.get $l17
                local.get $l15
                i32.add
                local.set $l17
                local.get $l17
                v128.load align=4
                local.set $l21
                local.get $l18
                local.get $l19
                i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                local.set $l22
                local.get $l18
                local.get $l19
                i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                local.set $l23
                local.get $l20
                local.get $l21
                i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                local.set $l24
                local.get $l20
                local.get $l21
                i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                local.set $l25
                local.get $l10
                local.get $l22
                local.get $l24
                i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                v128.store align=4
                local.get $l10
                local.get $l22
                local.get $l24
                i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                v128.store offset=16 align=4
                local.get $l10
                local.get $l23
                local.get $l25
                i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                v128.store offset=32 align=4
                local.get $l10
                local.get $l23
                local.get $l25
                i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                v128.store offset=48 align=4
                local.get $l10
                i32.const 64
                i32.add
                local.set $l10
                local.get $l11
                i32.const 16
                i32.add
                local.set $l11
                local.get $l12
                i32.const 4
                i32.add
                local.set $l12
                br $L12
              end
            end
            local.get $l16
            local.set $l12
            block $B13
              loop $L14
                local.get $l12
                local.get $p6
                i32.ge_s
                br_if $B13
                local.get $l11
                local.set $l17
                local.get $l10
                local.get $l17
                f32.load
                f32.store
                local.get $l17
                local.get $l15
                i32.add
                local.set $l17
                local.get $l10
                local.get $l17
                f32.load
                f32.store offset=4
                local.get $l17
                local.get $l15
                i32.add
                local.set $l17
                local.get $l10
                local.get $l17
                f32.load
                f32.store offset=8
                local.get $l17
                local.get $l15
                i32.add
                local.set $l17
                local.get $l10
                local.get $l17
                f32.load
                f32.store offset=12
                local.get $l10
                i32.const 16
                i32.add
                local.set $l10
                local.get $l11
                i32.const 4
                i32.add
                local.set $l11
                local.get $l12
                i32.const 1
                i32.add
                local.set $l12
                br $L14
              end
            end
          end
        end
        local.get $l8
        i32.const 4
        i32.add
        local.set $l8
        br $L2
      end
    end)
  (func $f2 (type $t2) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 i32) (local $l14 i32) (local $l15 f32)
    local.get $p0
    local.set $l13
    block $B0
      loop $L1
        local.get $l13
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l11
        local.get $p1
        v128.load32_splat
        local.set $l12
        local.get $l12
        local.get $l11
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l13
        i32.const 1
        i32.sub
        local.set $l13
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l11
    local.get $l10
    local.get $l11
    f32x4.mul
    local.set $l10
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l14
        local.get $l14
        local.get $l10
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l12
        local.get $p4
        local.set $l14
        local.get $l14
        local.get $l14
        v128.load align=4
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p4
      local.set $l14
      i32.const 0
      local.set $l13
      block $B4
        loop $L5
          local.get $l13
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l13
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l15
          local.get $l14
          local.get $l13
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l15
            local.get $l14
            local.get $l13
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l15
          end
          local.get $l15
          f32.store
          local.get $l13
          i32.const 1
          i32.add
          local.set $l13
          br $L5
        end
      end
    end)
  (func $f3 (type $t3) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 i32) (local $l15 i32) (local $l16 f32)
    local.get $p0
    local.set $l14
    block $B0
      loop $L1
        local.get $l14
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l12
        local.get $p1
        v128.load32_splat
        local.set $l13
        local.get $l13
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $p1
        v128.load32_splat offset=4
        local.set $l13
        local.get $l13
        local.get $l12
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l14
        i32.const 1
        i32.sub
        local.set $l14
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l12
    local.get $l10
    local.get $l12
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l12
    f32x4.mul
    local.set $l11
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l15
        local.get $l15
        local.get $l10
        v128.store align=4
        local.get $l15
        local.get $p5
        i32.add
        local.set $l15
        local.get $l15
        local.get $l11
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l13
        local.get $p4
        local.set $l15
        local.get $l15
        local.get $l15
        v128.load align=4
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l15
        local.get $p5
        i32.add
        local.set $l15
        local.get $l15
        local.get $l15
        v128.load align=4
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p4
      local.set $l15
      i32.const 0
      local.set $l14
      block $B4
        loop $L5
          local.get $l14
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l16
          local.get $l15
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l16
            local.get $l15
            local.get $l14
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l16
          end
          local.get $l16
          f32.store
          local.get $l14
          i32.const 1
          i32.add
          local.set $l14
          br $L5
        end
      end
      local.get $l15
      local.get $p5
      i32.add
      local.set $l15
      i32.const 0
      local.set $l14
      block $B7
        loop $L8
          local.get $l14
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l16
          local.get $l15
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l16
            local.get $l15
            local.get $l14
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l16
          end
          local.get $l16
          f32.store
          local.get $l14
          i32.const 1
          i32.add
          local.set $l14
          br $L8
        end
      end
    end)
  (func $f4 (type $t4) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 i32) (local $l16 i32) (local $l17 f32)
    local.get $p0
    local.set $l15
    block $B0
      loop $L1
        local.get $l15
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l13
        local.get $p1
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $p1
        v128.load32_splat offset=4
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        v128.load32_splat offset=8
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l15
        i32.const 1
        i32.sub
        local.set $l15
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l13
    local.get $l10
    local.get $l13
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l13
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l13
    f32x4.mul
    local.set $l12
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l10
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l11
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l12
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l14
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p4
      local.set $l16
      i32.const 0
      local.set $l15
      block $B4
        loop $L5
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L5
        end
      end
      local.get $l16
      local.get $p5
      i32.add
      local.set $l16
      i32.const 0
      local.set $l15
      block $B7
        loop $L8
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L8
        end
      end
      local.get $l16
      local.get $p5
      i32.add
      local.set $l16
      i32.const 0
      local.set $l15
      block $B10
        loop $L11
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L11
        end
      end
    end)
  (func $f5 (type $t5) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 i32) (local $l17 i32) (local $l18 f32)
    local.get $p0
    local.set $l16
    block $B0
      loop $L1
        local.get $l16
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l14
        local.get $p1
        v128.load32_splat
        local.set $l15
        local.get $l15
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $p1
        v128.load32_splat offset=4
        local.set $l15
        local.get $l15
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        v128.load32_splat offset=8
        local.set $l15
        local.get $l15
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $p1
        v128.load32_splat offset=12
        local.set $l15
        local.get $l15
        local.get $l14
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l16
        i32.const 1
        i32.sub
        local.set $l16
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l14
    local.get $l10
    local.get $l14
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l14
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l14
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l14
    f32x4.mul
    local.set $l13
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l17
        local.get $l17
        local.get $l10
        v128.store align=4
        local.get $l17
        local.get $p5
        i32.add
        local.set $l17
        local.get $l17
        local.get $l11
        v128.store align=4
        local.get $l17
        local.get $p5
        i32.add
        local.set $l17
        local.get $l17
        local.get $l12
        v128.store align=4
        local.get $l17
        local.get $p5
        i32.add
        local.set $l17
        local.get $l17
        local.get $l13
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l15
        local.get $p4
        local.set $l17
        local.get $l17
        local.get $l17
        v128.load align=4
        local.get $l15
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l17
        local.get $p5
        i32.add
        local.set $l17
        local.get $l17
        local.get $l17
        v128.load align=4
        local.get $l15
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l17
        local.get $p5
        i32.add
        local.set $l17
        local.get $l17
        local.get $l17
        v128.load align=4
        local.get $l15
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l17
        local.get $p5
        i32.add
        local.set $l17
        local.get $l17
        local.get $l17
        v128.load align=4
        local.get $l15
        local.get $l13
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p4
      local.set $l17
      i32.const 0
      local.set $l16
      block $B4
        loop $L5
          local.get $l16
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l18
          local.get $l17
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l18
            local.get $l17
            local.get $l16
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l18
          end
          local.get $l18
          f32.store
          local.get $l16
          i32.const 1
          i32.add
          local.set $l16
          br $L5
        end
      end
      local.get $l17
      local.get $p5
      i32.add
      local.set $l17
      i32.const 0
      local.set $l16
      block $B7
        loop $L8
          local.get $l16
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l18
          local.get $l17
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l18
            local.get $l17
            local.get $l16
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l18
          end
          local.get $l18
          f32.store
          local.get $l16
          i32.const 1
          i32.add
          local.set $l16
          br $L8
        end
      end
      local.get $l17
      local.get $p5
      i32.add
      local.set $l17
      i32.const 0
      local.set $l16
      block $B10
        loop $L11
          local.get $l16
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l18
          local.get $l17
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l18
            local.get $l17
            local.get $l16
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l18
          end
          local.get $l18
          f32.store
          local.get $l16
          i32.const 1
          i32.add
          local.set $l16
          br $L11
        end
      end
      local.get $l17
      local.get $p5
      i32.add
      local.set $l17
      i32.const 0
      local.set $l16
      block $B13
        loop $L14
          local.get $l16
          local.get $p8
          i32.ge_s
          br_if $B13
          local.get $p9
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=48
          local.set $l18
          local.get $l17
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I15
            local.get $l18
            local.get $l17
            local.get $l16
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l18
          end
          local.get $l18
          f32.store
          local.get $l16
          i32.const 1
          i32.add
          local.set $l16
          br $L14
        end
      end
    end)
  (func $f6 (type $t6) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 i32) (local $l16 i32) (local $l17 f32)
    local.get $p0
    local.set $l15
    block $B0
      loop $L1
        local.get $l15
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l12
        local.get $p3
        v128.load offset=16 align=4
        local.set $l13
        local.get $p1
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l14
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l15
        i32.const 1
        i32.sub
        local.set $l15
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l12
    local.get $l10
    local.get $l12
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l12
    f32x4.mul
    local.set $l11
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l10
        v128.store align=4
        local.get $l16
        local.get $l11
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l14
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $l16
        v128.load offset=16 align=4
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p4
      local.set $l16
      i32.const 0
      local.set $l15
      block $B4
        loop $L5
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L5
        end
      end
    end)
  (func $f7 (type $t7) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 i32) (local $l18 i32) (local $l19 f32)
    local.get $p0
    local.set $l17
    block $B0
      loop $L1
        local.get $l17
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l14
        local.get $p3
        v128.load offset=16 align=4
        local.set $l15
        local.get $p1
        v128.load32_splat
        local.set $l16
        local.get $l16
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l16
        local.get $l15
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        v128.load32_splat offset=4
        local.set $l16
        local.get $l16
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l16
        local.get $l15
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l17
        i32.const 1
        i32.sub
        local.set $l17
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l14
    local.get $l10
    local.get $l14
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l14
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l14
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l14
    f32x4.mul
    local.set $l13
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l10
        v128.store align=4
        local.get $l18
        local.get $l11
        v128.store offset=16 align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l12
        v128.store align=4
        local.get $l18
        local.get $l13
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l16
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $l18
        v128.load offset=16 align=4
        local.get $l16
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $l18
        v128.load offset=16 align=4
        local.get $l16
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p4
      local.set $l18
      i32.const 0
      local.set $l17
      block $B4
        loop $L5
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l19
          local.get $l18
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l19
            local.get $l18
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L5
        end
      end
      local.get $l18
      local.get $p5
      i32.add
      local.set $l18
      i32.const 0
      local.set $l17
      block $B7
        loop $L8
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l19
          local.get $l18
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l19
            local.get $l18
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L8
        end
      end
    end)
  (func $f8 (type $t8) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 i32) (local $l20 i32) (local $l21 f32)
    local.get $p0
    local.set $l19
    block $B0
      loop $L1
        local.get $l19
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l16
        local.get $p3
        v128.load offset=16 align=4
        local.set $l17
        local.get $p1
        v128.load32_splat
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l18
        local.get $l17
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        v128.load32_splat offset=4
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l18
        local.get $l17
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $p1
        v128.load32_splat offset=8
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l18
        local.get $l17
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l19
        i32.const 1
        i32.sub
        local.set $l19
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l16
    local.get $l10
    local.get $l16
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l16
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l16
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l16
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l16
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l16
    f32x4.mul
    local.set $l15
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l20
        local.get $l20
        local.get $l10
        v128.store align=4
        local.get $l20
        local.get $l11
        v128.store offset=16 align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l12
        v128.store align=4
        local.get $l20
        local.get $l13
        v128.store offset=16 align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l14
        v128.store align=4
        local.get $l20
        local.get $l15
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l18
        local.get $p4
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l18
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l20
        local.get $l20
        v128.load offset=16 align=4
        local.get $l18
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l18
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l20
        local.get $l20
        v128.load offset=16 align=4
        local.get $l18
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l18
        local.get $l14
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l20
        local.get $l20
        v128.load offset=16 align=4
        local.get $l18
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p4
      local.set $l20
      i32.const 0
      local.set $l19
      block $B4
        loop $L5
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l21
          local.get $l20
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l21
            local.get $l20
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L5
        end
      end
      local.get $l20
      local.get $p5
      i32.add
      local.set $l20
      i32.const 0
      local.set $l19
      block $B7
        loop $L8
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l21
          local.get $l20
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l21
            local.get $l20
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L8
        end
      end
      local.get $l20
      local.get $p5
      i32.add
      local.set $l20
      i32.const 0
      local.set $l19
      block $B10
        loop $L11
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=64
          local.set $l21
          local.get $l20
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l21
            local.get $l20
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L11
        end
      end
    end)
  (func $f9 (type $t9) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 v128) (local $l20 v128) (local $l21 i32) (local $l22 i32) (local $l23 f32)
    local.get $p0
    local.set $l21
    block $B0
      loop $L1
        local.get $l21
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l18
        local.get $p3
        v128.load offset=16 align=4
        local.set $l19
        local.get $p1
        v128.load32_splat
        local.set $l20
        local.get $l20
        local.get $l18
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l20
        local.get $l19
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        v128.load32_splat offset=4
        local.set $l20
        local.get $l20
        local.get $l18
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l20
        local.get $l19
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $p1
        v128.load32_splat offset=8
        local.set $l20
        local.get $l20
        local.get $l18
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l20
        local.get $l19
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $p1
        v128.load32_splat offset=12
        local.set $l20
        local.get $l20
        local.get $l18
        local.get $l16
        f32x4.relaxed_madd
        local.set $l16
        local.get $l20
        local.get $l19
        local.get $l17
        f32x4.relaxed_madd
        local.set $l17
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l21
        i32.const 1
        i32.sub
        local.set $l21
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l18
    local.get $l10
    local.get $l18
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l18
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l18
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l18
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l18
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l18
    f32x4.mul
    local.set $l15
    local.get $l16
    local.get $l18
    f32x4.mul
    local.set $l16
    local.get $l17
    local.get $l18
    f32x4.mul
    local.set $l17
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l22
        local.get $l22
        local.get $l10
        v128.store align=4
        local.get $l22
        local.get $l11
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l12
        v128.store align=4
        local.get $l22
        local.get $l13
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l14
        v128.store align=4
        local.get $l22
        local.get $l15
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l16
        v128.store align=4
        local.get $l22
        local.get $l17
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l20
        local.get $p4
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l20
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l20
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l20
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l20
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l20
        local.get $l14
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l20
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l20
        local.get $l16
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l20
        local.get $l17
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p9
      local.get $l16
      v128.store offset=96 align=4
      local.get $p9
      local.get $l17
      v128.store offset=112 align=4
      local.get $p4
      local.set $l22
      i32.const 0
      local.set $l21
      block $B4
        loop $L5
          local.get $l21
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l23
          local.get $l22
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l23
            local.get $l22
            local.get $l21
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l21
          i32.const 1
          i32.add
          local.set $l21
          br $L5
        end
      end
      local.get $l22
      local.get $p5
      i32.add
      local.set $l22
      i32.const 0
      local.set $l21
      block $B7
        loop $L8
          local.get $l21
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l23
          local.get $l22
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l23
            local.get $l22
            local.get $l21
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l21
          i32.const 1
          i32.add
          local.set $l21
          br $L8
        end
      end
      local.get $l22
      local.get $p5
      i32.add
      local.set $l22
      i32.const 0
      local.set $l21
      block $B10
        loop $L11
          local.get $l21
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=64
          local.set $l23
          local.get $l22
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l23
            local.get $l22
            local.get $l21
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l21
          i32.const 1
          i32.add
          local.set $l21
          br $L11
        end
      end
      local.get $l22
      local.get $p5
      i32.add
      local.set $l22
      i32.const 0
      local.set $l21
      block $B13
        loop $L14
          local.get $l21
          local.get $p8
          i32.ge_s
          br_if $B13
          local.get $p9
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=96
          local.set $l23
          local.get $l22
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I15
            local.get $l23
            local.get $l22
            local.get $l21
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l21
          i32.const 1
          i32.add
          local.set $l21
          br $L14
        end
      end
    end)
  (func $f10 (type $t10) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 i32) (local $l14 i32) (local $l15 f32)
    local.get $p0
    local.set $l13
    block $B0
      loop $L1
        local.get $l13
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l11
        local.get $p1
        v128.load32_splat
        local.set $l12
        local.get $l12
        local.get $l11
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l13
        i32.const 1
        i32.sub
        local.set $l13
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l11
    local.get $l10
    local.get $l11
    f32x4.mul
    local.set $l10
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l14
        local.get $l14
        local.get $l10
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l12
        local.get $p4
        local.set $l14
        local.get $l14
        local.get $l14
        v128.load align=4
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p4
      local.set $l14
      i32.const 0
      local.set $l13
      block $B4
        loop $L5
          local.get $l13
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l13
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l15
          local.get $l14
          local.get $l13
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l15
            local.get $l14
            local.get $l13
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l15
          end
          local.get $l15
          f32.store
          local.get $l13
          i32.const 1
          i32.add
          local.set $l13
          br $L5
        end
      end
    end)
  (func $f11 (type $t11) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 i32) (local $l15 i32) (local $l16 i32) (local $l17 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l15
    local.get $p0
    local.set $l14
    block $B0
      loop $L1
        local.get $l14
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l12
        local.get $p1
        v128.load32_splat
        local.set $l13
        local.get $l13
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l15
        v128.load32_splat
        local.set $l13
        local.get $l13
        local.get $l12
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l15
        i32.const 4
        i32.add
        local.set $l15
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l14
        i32.const 1
        i32.sub
        local.set $l14
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l12
    local.get $l10
    local.get $l12
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l12
    f32x4.mul
    local.set $l11
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l10
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l11
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l13
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p4
      local.set $l16
      i32.const 0
      local.set $l14
      block $B4
        loop $L5
          local.get $l14
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l17
          local.get $l16
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l17
            local.get $l16
            local.get $l14
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l14
          i32.const 1
          i32.add
          local.set $l14
          br $L5
        end
      end
      local.get $l16
      local.get $p5
      i32.add
      local.set $l16
      i32.const 0
      local.set $l14
      block $B7
        loop $L8
          local.get $l14
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l17
          local.get $l16
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l17
            local.get $l16
            local.get $l14
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l14
          i32.const 1
          i32.add
          local.set $l14
          br $L8
        end
      end
    end)
  (func $f12 (type $t12) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 i32) (local $l16 i32) (local $l17 i32) (local $l18 i32) (local $l19 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l16
    local.get $l16
    local.get $p2
    i32.add
    local.set $l17
    local.get $p0
    local.set $l15
    block $B0
      loop $L1
        local.get $l15
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l13
        local.get $p1
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l16
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l17
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l16
        i32.const 4
        i32.add
        local.set $l16
        local.get $l17
        i32.const 4
        i32.add
        local.set $l17
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l15
        i32.const 1
        i32.sub
        local.set $l15
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l13
    local.get $l10
    local.get $l13
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l13
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l13
    f32x4.mul
    local.set $l12
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l10
        v128.store align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l11
        v128.store align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l12
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l14
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p4
      local.set $l18
      i32.const 0
      local.set $l15
      block $B4
        loop $L5
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l19
          local.get $l18
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l19
            local.get $l18
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L5
        end
      end
      local.get $l18
      local.get $p5
      i32.add
      local.set $l18
      i32.const 0
      local.set $l15
      block $B7
        loop $L8
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l19
          local.get $l18
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l19
            local.get $l18
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L8
        end
      end
      local.get $l18
      local.get $p5
      i32.add
      local.set $l18
      i32.const 0
      local.set $l15
      block $B10
        loop $L11
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l19
          local.get $l18
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l19
            local.get $l18
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L11
        end
      end
    end)
  (func $f13 (type $t13) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 i32) (local $l17 i32) (local $l18 i32) (local $l19 i32) (local $l20 i32) (local $l21 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l17
    local.get $l17
    local.get $p2
    i32.add
    local.set $l18
    local.get $l18
    local.get $p2
    i32.add
    local.set $l19
    local.get $p0
    local.set $l16
    block $B0
      loop $L1
        local.get $l16
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l14
        local.get $p1
        v128.load32_splat
        local.set $l15
        local.get $l15
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l17
        v128.load32_splat
        local.set $l15
        local.get $l15
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l18
        v128.load32_splat
        local.set $l15
        local.get $l15
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l19
        v128.load32_splat
        local.set $l15
        local.get $l15
        local.get $l14
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l17
        i32.const 4
        i32.add
        local.set $l17
        local.get $l18
        i32.const 4
        i32.add
        local.set $l18
        local.get $l19
        i32.const 4
        i32.add
        local.set $l19
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l16
        i32.const 1
        i32.sub
        local.set $l16
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l14
    local.get $l10
    local.get $l14
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l14
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l14
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l14
    f32x4.mul
    local.set $l13
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l20
        local.get $l20
        local.get $l10
        v128.store align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l11
        v128.store align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l12
        v128.store align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l13
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l15
        local.get $p4
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l15
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l15
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l15
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l15
        local.get $l13
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p4
      local.set $l20
      i32.const 0
      local.set $l16
      block $B4
        loop $L5
          local.get $l16
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l21
          local.get $l20
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l21
            local.get $l20
            local.get $l16
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l16
          i32.const 1
          i32.add
          local.set $l16
          br $L5
        end
      end
      local.get $l20
      local.get $p5
      i32.add
      local.set $l20
      i32.const 0
      local.set $l16
      block $B7
        loop $L8
          local.get $l16
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l21
          local.get $l20
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l21
            local.get $l20
            local.get $l16
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l16
          i32.const 1
          i32.add
          local.set $l16
          br $L8
        end
      end
      local.get $l20
      local.get $p5
      i32.add
      local.set $l20
      i32.const 0
      local.set $l16
      block $B10
        loop $L11
          local.get $l16
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l21
          local.get $l20
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l21
            local.get $l20
            local.get $l16
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l16
          i32.const 1
          i32.add
          local.set $l16
          br $L11
        end
      end
      local.get $l20
      local.get $p5
      i32.add
      local.set $l20
      i32.const 0
      local.set $l16
      block $B13
        loop $L14
          local.get $l16
          local.get $p8
          i32.ge_s
          br_if $B13
          local.get $p9
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=48
          local.set $l21
          local.get $l20
          local.get $l16
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I15
            local.get $l21
            local.get $l20
            local.get $l16
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l16
          i32.const 1
          i32.add
          local.set $l16
          br $L14
        end
      end
    end)
  (func $f14 (type $t14) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 i32) (local $l16 i32) (local $l17 f32)
    local.get $p0
    local.set $l15
    block $B0
      loop $L1
        local.get $l15
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l12
        local.get $p3
        v128.load offset=16 align=4
        local.set $l13
        local.get $p1
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l14
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l15
        i32.const 1
        i32.sub
        local.set $l15
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l12
    local.get $l10
    local.get $l12
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l12
    f32x4.mul
    local.set $l11
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l10
        v128.store align=4
        local.get $l16
        local.get $l11
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l14
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $l16
        v128.load offset=16 align=4
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p4
      local.set $l16
      i32.const 0
      local.set $l15
      block $B4
        loop $L5
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L5
        end
      end
    end)
  (func $f15 (type $t15) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 i32) (local $l18 i32) (local $l19 i32) (local $l20 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l18
    local.get $p0
    local.set $l17
    block $B0
      loop $L1
        local.get $l17
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l14
        local.get $p3
        v128.load offset=16 align=4
        local.set $l15
        local.get $p1
        v128.load32_splat
        local.set $l16
        local.get $l16
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l16
        local.get $l15
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l18
        v128.load32_splat
        local.set $l16
        local.get $l16
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l16
        local.get $l15
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l18
        i32.const 4
        i32.add
        local.set $l18
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l17
        i32.const 1
        i32.sub
        local.set $l17
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l14
    local.get $l10
    local.get $l14
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l14
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l14
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l14
    f32x4.mul
    local.set $l13
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l19
        local.get $l19
        local.get $l10
        v128.store align=4
        local.get $l19
        local.get $l11
        v128.store offset=16 align=4
        local.get $l19
        local.get $p5
        i32.add
        local.set $l19
        local.get $l19
        local.get $l12
        v128.store align=4
        local.get $l19
        local.get $l13
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l16
        local.get $p4
        local.set $l19
        local.get $l19
        local.get $l19
        v128.load align=4
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l19
        local.get $l19
        v128.load offset=16 align=4
        local.get $l16
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l19
        local.get $p5
        i32.add
        local.set $l19
        local.get $l19
        local.get $l19
        v128.load align=4
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l19
        local.get $l19
        v128.load offset=16 align=4
        local.get $l16
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p4
      local.set $l19
      i32.const 0
      local.set $l17
      block $B4
        loop $L5
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l20
          local.get $l19
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l20
            local.get $l19
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l20
          end
          local.get $l20
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L5
        end
      end
      local.get $l19
      local.get $p5
      i32.add
      local.set $l19
      i32.const 0
      local.set $l17
      block $B7
        loop $L8
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l20
          local.get $l19
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l20
            local.get $l19
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l20
          end
          local.get $l20
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L8
        end
      end
    end)
  (func $f16 (type $t16) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 i32) (local $l20 i32) (local $l21 i32) (local $l22 i32) (local $l23 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l20
    local.get $l20
    local.get $p2
    i32.add
    local.set $l21
    local.get $p0
    local.set $l19
    block $B0
      loop $L1
        local.get $l19
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l16
        local.get $p3
        v128.load offset=16 align=4
        local.set $l17
        local.get $p1
        v128.load32_splat
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l18
        local.get $l17
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l20
        v128.load32_splat
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l18
        local.get $l17
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $l21
        v128.load32_splat
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l18
        local.get $l17
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l20
        i32.const 4
        i32.add
        local.set $l20
        local.get $l21
        i32.const 4
        i32.add
        local.set $l21
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l19
        i32.const 1
        i32.sub
        local.set $l19
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l16
    local.get $l10
    local.get $l16
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l16
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l16
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l16
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l16
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l16
    f32x4.mul
    local.set $l15
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l22
        local.get $l22
        local.get $l10
        v128.store align=4
        local.get $l22
        local.get $l11
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l12
        v128.store align=4
        local.get $l22
        local.get $l13
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l14
        v128.store align=4
        local.get $l22
        local.get $l15
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l18
        local.get $p4
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l18
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l18
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l18
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l18
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l18
        local.get $l14
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l18
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p4
      local.set $l22
      i32.const 0
      local.set $l19
      block $B4
        loop $L5
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l23
          local.get $l22
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l23
            local.get $l22
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L5
        end
      end
      local.get $l22
      local.get $p5
      i32.add
      local.set $l22
      i32.const 0
      local.set $l19
      block $B7
        loop $L8
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l23
          local.get $l22
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l23
            local.get $l22
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L8
        end
      end
      local.get $l22
      local.get $p5
      i32.add
      local.set $l22
      i32.const 0
      local.set $l19
      block $B10
        loop $L11
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=64
          local.set $l23
          local.get $l22
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l23
            local.get $l22
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L11
        end
      end
    end)
  (func $f17 (type $t17) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 v128) (local $l20 v128) (local $l21 i32) (local $l22 i32) (local $l23 i32) (local $l24 i32) (local $l25 i32) (local $l26 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l22
    local.get $l22
    local.get $p2
    i32.add
    local.set $l23
    local.get $l23
    local.get $p2
    i32.add
    local.set $l24
    local.get $p0
    local.set $l21
    block $B0
      loop $L1
        local.get $l21
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l18
        local.get $p3
        v128.load offset=16 align=4
        local.set $l19
        local.get $p1
        v128.load32_splat
        local.set $l20
        local.get $l20
        local.get $l18
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l20
        local.get $l19
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l22
        v128.load32_splat
        local.set $l20
        local.get $l20
        local.get $l18
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l20
        local.get $l19
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $l23
        v128.load32_splat
        local.set $l20
        local.get $l20
        local.get $l18
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l20
        local.get $l19
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $l24
        v128.load32_splat
        local.set $l20
        local.get $l20
        local.get $l18
        local.get $l16
        f32x4.relaxed_madd
        local.set $l16
        local.get $l20
        local.get $l19
        local.get $l17
        f32x4.relaxed_madd
        local.set $l17
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l22
        i32.const 4
        i32.add
        local.set $l22
        local.get $l23
        i32.const 4
        i32.add
        local.set $l23
        local.get $l24
        i32.const 4
        i32.add
        local.set $l24
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l21
        i32.const 1
        i32.sub
        local.set $l21
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l18
    local.get $l10
    local.get $l18
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l18
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l18
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l18
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l18
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l18
    f32x4.mul
    local.set $l15
    local.get $l16
    local.get $l18
    f32x4.mul
    local.set $l16
    local.get $l17
    local.get $l18
    f32x4.mul
    local.set $l17
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l25
        local.get $l25
        local.get $l10
        v128.store align=4
        local.get $l25
        local.get $l11
        v128.store offset=16 align=4
        local.get $l25
        local.get $p5
        i32.add
        local.set $l25
        local.get $l25
        local.get $l12
        v128.store align=4
        local.get $l25
        local.get $l13
        v128.store offset=16 align=4
        local.get $l25
        local.get $p5
        i32.add
        local.set $l25
        local.get $l25
        local.get $l14
        v128.store align=4
        local.get $l25
        local.get $l15
        v128.store offset=16 align=4
        local.get $l25
        local.get $p5
        i32.add
        local.set $l25
        local.get $l25
        local.get $l16
        v128.store align=4
        local.get $l25
        local.get $l17
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l20
        local.get $p4
        local.set $l25
        local.get $l25
        local.get $l25
        v128.load align=4
        local.get $l20
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l25
        local.get $l25
        v128.load offset=16 align=4
        local.get $l20
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l25
        local.get $p5
        i32.add
        local.set $l25
        local.get $l25
        local.get $l25
        v128.load align=4
        local.get $l20
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l25
        local.get $l25
        v128.load offset=16 align=4
        local.get $l20
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l25
        local.get $p5
        i32.add
        local.set $l25
        local.get $l25
        local.get $l25
        v128.load align=4
        local.get $l20
        local.get $l14
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l25
        local.get $l25
        v128.load offset=16 align=4
        local.get $l20
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l25
        local.get $p5
        i32.add
        local.set $l25
        local.get $l25
        local.get $l25
        v128.load align=4
        local.get $l20
        local.get $l16
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l25
        local.get $l25
        v128.load offset=16 align=4
        local.get $l20
        local.get $l17
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p9
      local.get $l16
      v128.store offset=96 align=4
      local.get $p9
      local.get $l17
      v128.store offset=112 align=4
      local.get $p4
      local.set $l25
      i32.const 0
      local.set $l21
      block $B4
        loop $L5
          local.get $l21
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l26
          local.get $l25
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l26
            local.get $l25
            local.get $l21
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l26
          end
          local.get $l26
          f32.store
          local.get $l21
          i32.const 1
          i32.add
          local.set $l21
          br $L5
        end
      end
      local.get $l25
      local.get $p5
      i32.add
      local.set $l25
      i32.const 0
      local.set $l21
      block $B7
        loop $L8
          local.get $l21
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l26
          local.get $l25
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l26
            local.get $l25
            local.get $l21
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l26
          end
          local.get $l26
          f32.store
          local.get $l21
          i32.const 1
          i32.add
          local.set $l21
          br $L8
        end
      end
      local.get $l25
      local.get $p5
      i32.add
      local.set $l25
      i32.const 0
      local.set $l21
      block $B10
        loop $L11
          local.get $l21
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=64
          local.set $l26
          local.get $l25
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l26
            local.get $l25
            local.get $l21
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l26
          end
          local.get $l26
          f32.store
          local.get $l21
          i32.const 1
          i32.add
          local.set $l21
          br $L11
        end
      end
      local.get $l25
      local.get $p5
      i32.add
      local.set $l25
      i32.const 0
      local.set $l21
      block $B13
        loop $L14
          local.get $l21
          local.get $p8
          i32.ge_s
          br_if $B13
          local.get $p9
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=96
          local.set $l26
          local.get $l25
          local.get $l21
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I15
            local.get $l26
            local.get $l25
            local.get $l21
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l26
          end
          local.get $l26
          f32.store
          local.get $l21
          i32.const 1
          i32.add
          local.set $l21
          br $L14
        end
      end
    end)
  (func $gemm_wide (type $t18) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 f32) (param $p6 i32) (param $p7 i32) (param $p8 i32) (param $p9 i32) (param $p10 f32) (param $p11 i32) (param $p12 i32) (param $p13 i32)
    (local $l14 i32) (local $l15 i32) (local $l16 i32) (local $l17 i32) (local $l18 i32) (local $l19 i32) (local $l20 i32) (local $l21 i32) (local $l22 i32) (local $l23 i32) (local $l24 i32) (local $l25 f32) (local $l26 i32) (local $l27 i32) (local $l28 i32) (local $l29 i32) (local $l30 i32) (local $l31 i32) (local $l32 i32) (local $l33 i32) (local $l34 i32) (local $l35 i32) (local $l36 i32)
    local.get $p13
    i32.const 256
    i32.add
    local.set $l26
    local.get $l26
    i32.const 393216
    i32.add
    local.set $l33
    local.get $p7
    i32.const 2
    i32.shl
    local.set $l31
    local.get $p12
    i32.const 2
    i32.shl
    local.set $l32
    local.get $p3
    i32.const 32
    i32.ge_s
    local.set $l36
    local.get $l36
    local.get $p0
    i32.or
    local.set $l34
    i32.const 16
    local.get $l31
    local.get $l36
    select
    local.set $l35
    i32.const 0
    local.set $l14
    block $B0
      loop $L1
        local.get $l14
        local.get $p3
        i32.ge_s
        br_if $B0
        i32.const 384
        local.get $p3
        local.get $l14
        i32.sub
        i32.const 384
        local.get $p3
        local.get $l14
        i32.sub
        i32.lt_s
        select
        local.set $l15
        i32.const 0
        local.set $l16
        block $B2
          loop $L3
            local.get $l16
            local.get $p4
            i32.ge_s
            br_if $B2
            i32.const 256
            local.get $p4
            local.get $l16
            i32.sub
            i32.const 256
            local.get $p4
            local.get $l16
            i32.sub
            i32.lt_s
            select
            local.set $l17
            local.get $p10
            f32.const 0x1p+0 (;=1;)
            local.get $l16
            i32.eqz
            select
            local.set $l25
            local.get $p1
            local.get $p8
            local.get $p9
            local.get $l16
            local.get $l17
            local.get $l14
            local.get $l15
            local.get $l26
            call $f0
            i32.const 0
            local.set $l18
            block $B4
              loop $L5
                local.get $l18
                local.get $p2
                i32.ge_s
                br_if $B4
                i32.const 128
                local.get $p2
                local.get $l18
                i32.sub
                i32.const 128
                local.get $p2
                local.get $l18
                i32.sub
                i32.lt_s
                select
                local.set $l19
                local.get $l36
                if $I6
                  local.get $p0
                  local.get $p6
                  local.get $p7
                  local.get $l18
                  local.get $l19
                  local.get $l16
                  local.get $l17
                  local.get $l33
                  call $f1
                end
                i32.const 0
                local.set $l20
                block $B7
                  loop $L8
                    local.get $l20
                    local.get $l15
                    i32.ge_s
                    br_if $B7
                    i32.const 8
                    local.get $l15
                    local.get $l20
                    i32.sub
                    i32.const 8
                    local.get $l15
                    local.get $l20
                    i32.sub
                    i32.lt_s
                    select
                    local.set $l21
                    local.get $l21
                    i32.const 3
                    i32.add
                    i32.const 2
                    i32.shr_u
                    local.set $l28
                    local.get $l26
                    local.get $l20
                    local.get $l17
                    i32.mul
                    i32.const 2
                    i32.shl
                    i32.add
                    local.set $l27
                    i32.const 0
                    local.set $l22
                    block $B9
                      loop $L10
                        local.get $l22
                        local.get $l19
                        i32.ge_s
                        br_if $B9
                        i32.const 4
                        local.get $l19
                        local.get $l22
                        i32.sub
                        i32.const 4
                        local.get $l19
                        local.get $l22
                        i32.sub
                        i32.lt_s
                        select
                        local.set $l23
                        local.get $l18
                        local.get $l22
                        i32.add
                        local.set $l24
                        local.get $l36
                        if $I11
                          local.get $l33
                          local.get $l22
                          local.get $l17
                          i32.mul
                          i32.const 2
                          i32.shl
                          i32.add
                          local.set $l29
                        else
                          local.get $p0
                          if $I12
                            local.get $p6
                            local.get $l16
                            local.get $p7
                            i32.mul
                            local.get $l24
                            i32.add
                            i32.const 2
                            i32.shl
                            i32.add
                            local.set $l29
                          else
                            local.get $p6
                            local.get $l24
                            local.get $p7
                            i32.mul
                            local.get $l16
                            i32.add
                            i32.const 2
                            i32.shl
                            i32.add
                            local.set $l29
                          end
                        end
                        local.get $p11
                        local.get $l24
                        local.get $p12
                        i32.mul
                        local.get $l14
                        i32.add
                        local.get $l20
                        i32.add
                        i32.const 2
                        i32.shl
                        i32.add
                        local.set $l30
                        local.get $l34
                        if $I13
                          local.get $l28
                          i32.const 2
                          i32.eq
                          if $I14
                            local.get $l23
                            i32.const 4
                            i32.eq
                            if $I15
                              local.get $l17
                              local.get $l29
                              local.get $l35
                              local.get $l27
                              local.get $l30
                              local.get $l32
                              local.get $p5
                              local.get $l25
                              local.get $l21
                              local.get $p13
                              call $f9
                            else
                              local.get $l23
                              i32.const 3
                              i32.eq
                              if $I16
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f8
                              else
                                local.get $l23
                                i32.const 2
                                i32.eq
                                if $I17
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f7
                                else
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f6
                                end
                              end
                            end
                          else
                            local.get $l23
                            i32.const 4
                            i32.eq
                            if $I18
                              local.get $l17
                              local.get $l29
                              local.get $l35
                              local.get $l27
                              local.get $l30
                              local.get $l32
                              local.get $p5
                              local.get $l25
                              local.get $l21
                              local.get $p13
                              call $f5
                            else
                              local.get $l23
                              i32.const 3
                              i32.eq
                              if $I19
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f4
                              else
                                local.get $l23
                                i32.const 2
                                i32.eq
                                if $I20
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f3
                                else
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f2
                                end
                              end
                            end
                          end
                        else
                          local.get $l28
                          i32.const 2
                          i32.eq
                          if $I21
                            local.get $l23
                            i32.const 4
                            i32.eq
                            if $I22
                              local.get $l17
                              local.get $l29
                              local.get $l35
                              local.get $l27
                              local.get $l30
                              local.get $l32
                              local.get $p5
                              local.get $l25
                              local.get $l21
                              local.get $p13
                              call $f17
                            else
                              local.get $l23
                              i32.const 3
                              i32.eq
                              if $I23
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f16
                              else
                                local.get $l23
                                i32.const 2
                                i32.eq
                                if $I24
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f15
                                else
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f14
                                end
                              end
                            end
                          else
                            local.get $l23
                            i32.const 4
                            i32.eq
                            if $I25
                              local.get $l17
                              local.get $l29
                              local.get $l35
                              local.get $l27
                              local.get $l30
                              local.get $l32
                              local.get $p5
                              local.get $l25
                              local.get $l21
                              local.get $p13
                              call $f13
                            else
                              local.get $l23
                              i32.const 3
                              i32.eq
                              if $I26
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f12
                              else
                                local.get $l23
                                i32.const 2
                                i32.eq
                                if $I27
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f11
                                else
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f10
                                end
                              end
                            end
                          end
                        end
                        local.get $l22
                        i32.const 4
                        i32.add
                        local.set $l22
                        br $L10
                      end
                    end
                    local.get $l20
                    i32.const 8
                    i32.add
                    local.set $l20
                    br $L8
                  end
                end
                local.get $l18
                i32.const 128
                i32.add
                local.set $l18
                br $L5
              end
            end
            local.get $l16
            i32.const 256
            i32.add
            local.set $l16
            br $L3
          end
        end
        local.get $l14
        i32.const 384
        i32.add
        local.set $l14
        br $L1
      end
    end)
  (func $f19 (type $t19) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 i32) (param $p7 i32)
    (local $l8 i32) (local $l9 i32) (local $l10 i32) (local $l11 i32) (local $l12 i32) (local $l13 i32) (local $l14 i32) (local $l15 i32) (local $l16 i32) (local $l17 i32) (local $l18 v128) (local $l19 v128) (local $l20 v128) (local $l21 v128) (local $l22 v128) (local $l23 v128) (local $l24 v128) (local $l25 v128) (local $l26 v128) (local $l27 v128) (local $l28 v128) (local $l29 v128) (local $l30 v128) (local $l31 v128) (local $l32 v128) (local $l33 v128) (local $l34 i32)
    local.get $p0
    if $I0
      i32.const 4
      local.set $l15
      local.get $p2
      i32.const 2
      i32.shl
      local.set $l16
    else
      local.get $p2
      i32.const 2
      i32.shl
      local.set $l15
      i32.const 4
      local.set $l16
    end
    local.get $p4
    i32.const -4
    i32.and
    local.set $l34
    i32.const 0
    local.set $l8
    block $B1
      loop $L2
        local.get $l8
        local.get $p6
        i32.ge_s
        br_if $B1
        i32.const 12
        local.get $p6
        local.get $l8
        i32.sub
        i32.const 12
        local.get $p6
        local.get $l8
        i32.sub
        i32.lt_s
        select
        local.set $l9
        local.get $l9
        i32.const 3
        i32.add
        i32.const -4
        i32.and
        local.set $l10
        local.get $p7
        local.get $l8
        local.get $p4
        i32.mul
        i32.const 2
        i32.shl
        i32.add
        local.set $l11
        local.get $p1
        local.get $p3
        local.get $l15
        i32.mul
        i32.add
        local.get $p5
        local.get $l8
        i32.add
        local.get $l16
        i32.mul
        i32.add
        local.set $l12
        local.get $l9
        local.get $l10
        i32.ne
        if $I3
          i32.const 0
          local.set $l13
          block $B4
            loop $L5
              local.get $l13
              local.get $p4
              i32.ge_s
              br_if $B4
              i32.const 0
              local.set $l14
              block $B6
                loop $L7
                  local.get $l14
                  local.get $l10
                  i32.ge_s
                  br_if $B6
                  local.get $l11
                  local.get $l14
                  i32.const 2
                  i32.shl
                  i32.add
                  local.get $l12
                  local.get $l14
                  local.get $l16
                  i32.mul
                  i32.add
                  f32.load
                  f32.const 0x0p+0 (;=0;)
                  local.get $l14
                  local.get $l9
                  i32.lt_s
                  select
                  f32.store
                  local.get $l14
                  i32.const 1
                  i32.add
                  local.set $l14
                  br $L7
                end
              end
              local.get $l11
              local.get $l10
              i32.const 2
              i32.shl
              i32.add
              local.set $l11
              local.get $l12
              local.get $l15
              i32.add
              local.set $l12
              local.get $l13
              i32.const 1
              i32.add
              local.set $l13
              br $L5
            end
          end
        else
          local.get $p0
          if $I8
            local.get $l10
            i32.const 12
            i32.eq
            if $I9
              i32.const 0
              local.set $l13
              block $B10
                loop $L11
                  local.get $l13
                  local.get $l34
                  i32.ge_s
                  br_if $B10
                  local.get $l12
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l18
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l19
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l20
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l21
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l22
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l23
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l24
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l25
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l26
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l27
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l28
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l17
                  v128.load align=4
                  local.set $l29
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l18
                  local.get $l19
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l30
                  local.get $l18
                  local.get $l19
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l31
                  local.get $l20
                  local.get $l21
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l32
                  local.get $l20
                  local.get $l21
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l33
                  local.get $l11
                  local.get $l30
                  local.get $l32
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store align=4
                  local.get $l11
                  local.get $l30
                  local.get $l32
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=48 align=4
                  local.get $l11
                  local.get $l31
                  local.get $l33
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store offset=96 align=4
                  local.get $l11
                  local.get $l31
                  local.get $l33
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=144 align=4
                  local.get $l22
                  local.get $l23
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l30
                  local.get $l22
                  local.get $l23
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l31
                  local.get $l24
                  local.get $l25
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l32
                  local.get $l24
                  local.get $l25
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l33
                  local.get $l11
                  local.get $l30
                  local.get $l32
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store offset=16 align=4
                  local.get $l11
                  local.get $l30
                  local.get $l32
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=64 align=4
                  local.get $l11
                  local.get $l31
                  local.get $l33
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store offset=112 align=4
                  local.get $l11
                  local.get $l31
                  local.get $l33
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=160 align=4
                  local.get $l26
                  local.get $l27
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l30
                  local.get $l26
                  local.get $l27
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l31
                  local.get $l28
                  local.get $l29
                  i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                  local.set $l32
                  local.get $l28
                  local.get $l29
                  i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                  local.set $l33
                  local.get $l11
                  local.get $l30
                  local.get $l32
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store offset=32 align=4
                  local.get $l11
                  local.get $l30
                  local.get $l32
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=80 align=4
                  local.get $l11
                  local.get $l31
                  local.get $l33
                  i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  v128.store offset=128 align=4
                  local.get $l11
                  local.get $l31
                  local.get $l33
                  i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                  v128.store offset=176 align=4
                  local.get $l11
                  i32.const 192
                  i32.add
                  local.set $l11
                  local.get $l12
                  i32.const 16
                  i32.add
                  local.set $l12
                  local.get $l13
                  i32.const 4
                  i32.add
                  local.set $l13
                  br $L11
                end
              end
              local.get $l34
              local.set $l13
              block $B12
                loop $L13
                  local.get $l13
                  local.get $p4
                  i32.ge_s
                  br_if $B12
                  local.get $l12
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=4
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=8
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=12
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=16
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=20
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=24
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=28
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=32
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=36
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=40
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  local.get $l17
                  f32.load
                  f32.store offset=44
                  local.get $l17
                  local.get $l16
                  i32.add
                  local.set $l17
                  local.get $l11
                  i32.const 48
                  i32.add
                  local.set $l11
                  local.get $l12
                  i32.const 4
                  i32.add
                  local.set $l12
                  local.get $l13
                  i32.const 1
                  i32.add
                  local.set $l13
                  br $L13
                end
              end
            else
              local.get $l10
              i32.const 8
              i32.eq
              if $I14
                i32.const 0
                local.set $l13
                block $B15
                  loop $L16
                    local.get $l13
                    local.get $l34
                    i32.ge_s
                    br_if $B15
                    local.get $l12
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l18
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l19
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l20
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l21
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l22
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l23
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l24
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l25
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l18
                    local.get $l19
                    i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                    local.set $l30
                    local.get $l18
                    local.get $l19
                    i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                    local.set $l31
                    local.get $l20
                    local.get $l21
                    i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                    local.set $l32
                    local.get $l20
                    local.get $l21
                    i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                    local.set $l33
                    local.get $l11
                    local.get $l30
                    local.get $l32
                    i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    v128.store align=4
                    local.get $l11
                    local.get $l30
                    local.get $l32
                    i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                    v128.store offset=32 align=4
                    local.get $l11
                    local.get $l31
                    local.get $l33
                    i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    v128.store offset=64 align=4
                    local.get $l11
                    local.get $l31
                    local.get $l33
                    i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                    v128.store offset=96 align=4
                    local.get $l22
                    local.get $l23
                    i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                    local.set $l30
                    local.get $l22
                    local.get $l23
                    i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                    local.set $l31
                    local.get $l24
                    local.get $l25
                    i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                    local.set $l32
                    local.get $l24
                    local.get $l25
                    i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                    local.set $l33
                    local.get $l11
                    local.get $l30
                    local.get $l32
                    i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    v128.store offset=16 align=4
                    local.get $l11
                    local.get $l30
                    local.get $l32
                    i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                    v128.store offset=48 align=4
                    local.get $l11
                    local.get $l31
                    local.get $l33
                    i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    v128.store offset=80 align=4
                    local.get $l11
                    local.get $l31
                    local.get $l33
                    i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                    v128.store offset=112 align=4
                    local.get $l11
                    i32.const 128
                    i32.add
                    local.set $l11
                    local.get $l12
                    i32.const 16
                    i32.add
                    local.set $l12
                    local.get $l13
                    i32.const 4
                    i32.add
                    local.set $l13
                    br $L16
                  end
                end
                local.get $l34
                local.set $l13
                block $B17
                  loop $L18
                    local.get $l13
                    local.get $p4
                    i32.ge_s
                    br_if $B17
                    local.get $l12
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=4
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=8
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=12
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=16
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=20
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=24
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=28
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    i32.const 32
                    i32.add
                    local.set $l11
                    local.get $l12
                    i32.const 4
                    i32.add
                    local.set $l12
                    local.get $l13
                    i32.const 1
                    i32.add
                    local.set $l13
                    br $L18
                  end
                end
              else
                i32.const 0
                local.set $l13
                block $B19
                  loop $L20
                    local.get $l13
                    local.get $l34
                    i32.ge_s
                    br_if $B19
                    local.get $l12
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l18
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l19
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l20
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l17
                    v128.load align=4
                    local.set $l21
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l18
                    local.get $l19
                    i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                    local.set $l30
                    local.get $l18
                    local.get $l19
                    i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                    local.set $l31
                    local.get $l20
                    local.get $l21
                    i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                    local.set $l32
                    local.get $l20
                    local.get $l21
                    i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                    local.set $l33
                    local.get $l11
                    local.get $l30
                    local.get $l32
                    i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    v128.store align=4
                    local.get $l11
                    local.get $l30
                    local.get $l32
                    i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                    v128.store offset=16 align=4
                    local.get $l11
                    local.get $l31
                    local.get $l33
                    i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    v128.store offset=32 align=4
                    local.get $l11
                    local.get $l31
                    local.get $l33
                    i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                    v128.store offset=48 align=4
                    local.get $l11
                    i32.const 64
                    i32.add
                    local.set $l11
                    local.get $l12
                    i32.const 16
                    i32.add
                    local.set $l12
                    local.get $l13
                    i32.const 4
                    i32.add
                    local.set $l13
                    br $L20
                  end
                end
                local.get $l34
                local.set $l13
                block $B21
                  loop $L22
                    local.get $l13
                    local.get $p4
                    i32.ge_s
                    br_if $B21
                    local.get $l12
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=4
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=8
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    local.get $l17
                    f32.load
                    f32.store offset=12
                    local.get $l17
                    local.get $l16
                    i32.add
                    local.set $l17
                    local.get $l11
                    i32.const 16
                    i32.add
                    local.set $l11
                    local.get $l12
                    i32.const 4
                    i32.add
                    local.set $l12
                    local.get $l13
                    i32.const 1
                    i32.add
                    local.set $l13
                    br $L22
                  end
                end
              end
            end
          else
            local.get $l10
            i32.const 12
            i32.eq
            if $I23
              i32.const 0
              local.set $l13
              block $B24
                loop $L25
                  local.get $l13
                  local.get $p4
                  i32.ge_s
                  br_if $B24
                  local.get $l11
                  local.get $l12
                  v128.load align=4
                  v128.store align=4
                  local.get $l11
                  local.get $l12
                  v128.load offset=16 align=4
                  v128.store offset=16 align=4
                  local.get $l11
                  local.get $l12
                  v128.load offset=32 align=4
                  v128.store offset=32 align=4
                  local.get $l11
                  i32.const 48
                  i32.add
                  local.set $l11
                  local.get $l12
                  local.get $l15
                  i32.add
                  local.set $l12
                  local.get $l13
                  i32.const 1
                  i32.add
                  local.set $l13
                  br $L25
                end
              end
            else
              local.get $l10
              i32.const 8
              i32.eq
              if $I26
                i32.const 0
                local.set $l13
                block $B27
                  loop $L28
                    local.get $l13
                    local.get $p4
                    i32.ge_s
                    br_if $B27
                    local.get $l11
                    local.get $l12
                    v128.load align=4
                    v128.store align=4
                    local.get $l11
                    local.get $l12
                    v128.load offset=16 align=4
                    v128.store offset=16 align=4
                    local.get $l11
                    i32.const 32
                    i32.add
                    local.set $l11
                    local.get $l12
                    local.get $l15
                    i32.add
                    local.set $l12
                    local.get $l13
                    i32.const 1
                    i32.add
                    local.set $l13
                    br $L28
                  end
                end
              else
                i32.const 0
                local.set $l13
                block $B29
                  loop $L30
                    local.get $l13
                    local.get $p4
                    i32.ge_s
                    br_if $B29
                    local.get $l11
                    local.get $l12
                    v128.load align=4
                    v128.store align=4
                    local.get $l11
                    i32.const 16
                    i32.add
                    local.set $l11
                    local.get $l12
                    local.get $l15
                    i32.add
                    local.set $l12
                    local.get $l13
                    i32.const 1
                    i32.add
                    local.set $l13
                    br $L30
                  end
                end
              end
            end
          end
        end
        local.get $l8
        i32.const 12
        i32.add
        local.set $l8
        br $L2
      end
    end)
  (func $f20 (type $t20) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 i32) (param $p7 i32)
    (local $l8 i32) (local $l9 i32) (local $l10 i32) (local $l11 i32) (local $l12 i32) (local $l13 i32) (local $l14 i32) (local $l15 i32) (local $l16 i32) (local $l17 i32) (local $l18 v128) (local $l19 v128) (local $l20 v128) (local $l21 v128) (local $l22 v128) (local $l23 v128) (local $l24 v128) (local $l25 v128)
    local.get $p0
    if $I0
      local.get $p2
      i32.const 2
      i32.shl
      local.set $l14
      i32.const 4
      local.set $l15
    else
      i32.const 4
      local.set $l14
      local.get $p2
      i32.const 2
      i32.shl
      local.set $l15
    end
    local.get $p6
    i32.const -4
    i32.and
    local.set $l16
    i32.const 0
    local.set $l8
    block $B1
      loop $L2
        local.get $l8
        local.get $p4
        i32.ge_s
        br_if $B1
        i32.const 3
        local.get $p4
        local.get $l8
        i32.sub
        i32.const 3
        local.get $p4
        local.get $l8
        i32.sub
        i32.lt_s
        select
        local.set $l9
        local.get $p7
        local.get $l8
        local.get $p6
        i32.mul
        i32.const 2
        i32.shl
        i32.add
        local.set $l10
        local.get $p1
        local.get $p3
        local.get $l8
        i32.add
        local.get $l15
        i32.mul
        i32.add
        local.get $p5
        local.get $l14
        i32.mul
        i32.add
        local.set $l11
        i32.const 0
        local.set $l12
        block $B3
          loop $L4
            local.get $l12
            local.get $p6
            i32.ge_s
            br_if $B3
            local.get $l11
            local.set $l17
            i32.const 0
            local.set $l13
            block $B5
              loop $L6
                local.get $l13
                local.get $l9
                i32.ge_s
                br_if $B5
                local.get $l10
                local.get $l13
                i32.const 2
                i32.shl
                i32.add
                local.get $l17
                f32.load
                f32.store
                local.get $l17
                local.get $l15
                i32.add
                local.set $l17
                local.get $l13
                i32.const 1
                i32.add
                local.set $l13
                br $L6
              end
            end
            local.get $l10
            i32.const 12
            i32.add
            local.set $l10
            local.get $l11
            local.get $l14
            i32.add
            local.set $l11
            local.get $l12
            i32.const 1
            i32.add
            local.set $l12
            br $L4
          end
        end
        local.get $l8
        i32.const 3
        i32.add
        local.set $l8
        br $L2
      end
    end)
  (func $f21 (type $t21) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 i32) (local $l14 i32) (local $l15 f32)
    local.get $p0
    local.set $l13
    block $B0
      loop $L1
        local.get $l13
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l11
        local.get $p1
        v128.load32_splat
        local.set $l12
        local.get $l12
        local.get $l11
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l13
        i32.const 1
        i32.sub
        local.set $l13
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l11
    local.get $l10
    local.get $l11
    f32x4.mul
    local.set $l10
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l14
        local.get $l14
        local.get $l10
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l12
        local.get $p4
        local.set $l14
        local.get $l14
        local.get $l14
        v128.load align=4
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p4
      local.set $l14
      i32.const 0
      local.set $l13
      block $B4
        loop $L5
          local.get $l13
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l13
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l15
          local.get $l14
          local.get $l13
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l15
            local.get $l14
            local.get $l13
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l15
          end
          local.get $l15
          f32.store
          local.get $l13
          i32.const 1
          i32.add
          local.set $l13
          br $L5
        end
      end
    end)
  (func $f22 (type $t22) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 i32) (local $l15 i32) (local $l16 f32)
    local.get $p0
    local.set $l14
    block $B0
      loop $L1
        local.get $l14
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l12
        local.get $p1
        v128.load32_splat
        local.set $l13
        local.get $l13
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $p1
        v128.load32_splat offset=4
        local.set $l13
        local.get $l13
        local.get $l12
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l14
        i32.const 1
        i32.sub
        local.set $l14
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l12
    local.get $l10
    local.get $l12
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l12
    f32x4.mul
    local.set $l11
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l15
        local.get $l15
        local.get $l10
        v128.store align=4
        local.get $l15
        local.get $p5
        i32.add
        local.set $l15
        local.get $l15
        local.get $l11
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l13
        local.get $p4
        local.set $l15
        local.get $l15
        local.get $l15
        v128.load align=4
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l15
        local.get $p5
        i32.add
        local.set $l15
        local.get $l15
        local.get $l15
        v128.load align=4
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p4
      local.set $l15
      i32.const 0
      local.set $l14
      block $B4
        loop $L5
          local.get $l14
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l16
          local.get $l15
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l16
            local.get $l15
            local.get $l14
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l16
          end
          local.get $l16
          f32.store
          local.get $l14
          i32.const 1
          i32.add
          local.set $l14
          br $L5
        end
      end
      local.get $l15
      local.get $p5
      i32.add
      local.set $l15
      i32.const 0
      local.set $l14
      block $B7
        loop $L8
          local.get $l14
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l16
          local.get $l15
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l16
            local.get $l15
            local.get $l14
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l16
          end
          local.get $l16
          f32.store
          local.get $l14
          i32.const 1
          i32.add
          local.set $l14
          br $L8
        end
      end
    end)
  (func $f23 (type $t23) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 i32) (local $l16 i32) (local $l17 f32)
    local.get $p0
    local.set $l15
    block $B0
      loop $L1
        local.get $l15
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l13
        local.get $p1
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $p1
        v128.load32_splat offset=4
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        v128.load32_splat offset=8
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l15
        i32.const 1
        i32.sub
        local.set $l15
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l13
    local.get $l10
    local.get $l13
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l13
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l13
    f32x4.mul
    local.set $l12
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l10
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l11
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l12
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l14
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p4
      local.set $l16
      i32.const 0
      local.set $l15
      block $B4
        loop $L5
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L5
        end
      end
      local.get $l16
      local.get $p5
      i32.add
      local.set $l16
      i32.const 0
      local.set $l15
      block $B7
        loop $L8
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L8
        end
      end
      local.get $l16
      local.get $p5
      i32.add
      local.set $l16
      i32.const 0
      local.set $l15
      block $B10
        loop $L11
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L11
        end
      end
    end)
  (func $f24 (type $t24) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 i32) (local $l16 i32) (local $l17 f32)
    local.get $p0
    local.set $l15
    block $B0
      loop $L1
        local.get $l15
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l12
        local.get $p3
        v128.load offset=16 align=4
        local.set $l13
        local.get $p1
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l14
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l15
        i32.const 1
        i32.sub
        local.set $l15
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l12
    local.get $l10
    local.get $l12
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l12
    f32x4.mul
    local.set $l11
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l10
        v128.store align=4
        local.get $l16
        local.get $l11
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l14
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $l16
        v128.load offset=16 align=4
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p4
      local.set $l16
      i32.const 0
      local.set $l15
      block $B4
        loop $L5
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L5
        end
      end
    end)
  (func $f25 (type $t25) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 i32) (local $l18 i32) (local $l19 f32)
    local.get $p0
    local.set $l17
    block $B0
      loop $L1
        local.get $l17
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l14
        local.get $p3
        v128.load offset=16 align=4
        local.set $l15
        local.get $p1
        v128.load32_splat
        local.set $l16
        local.get $l16
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l16
        local.get $l15
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        v128.load32_splat offset=4
        local.set $l16
        local.get $l16
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l16
        local.get $l15
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l17
        i32.const 1
        i32.sub
        local.set $l17
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l14
    local.get $l10
    local.get $l14
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l14
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l14
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l14
    f32x4.mul
    local.set $l13
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l10
        v128.store align=4
        local.get $l18
        local.get $l11
        v128.store offset=16 align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l12
        v128.store align=4
        local.get $l18
        local.get $l13
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l16
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $l18
        v128.load offset=16 align=4
        local.get $l16
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $l18
        v128.load offset=16 align=4
        local.get $l16
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p4
      local.set $l18
      i32.const 0
      local.set $l17
      block $B4
        loop $L5
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l19
          local.get $l18
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l19
            local.get $l18
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L5
        end
      end
      local.get $l18
      local.get $p5
      i32.add
      local.set $l18
      i32.const 0
      local.set $l17
      block $B7
        loop $L8
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l19
          local.get $l18
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l19
            local.get $l18
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L8
        end
      end
    end)
  (func $f26 (type $t26) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 i32) (local $l20 i32) (local $l21 f32)
    local.get $p0
    local.set $l19
    block $B0
      loop $L1
        local.get $l19
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l16
        local.get $p3
        v128.load offset=16 align=4
        local.set $l17
        local.get $p1
        v128.load32_splat
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l18
        local.get $l17
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        v128.load32_splat offset=4
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l18
        local.get $l17
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $p1
        v128.load32_splat offset=8
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l18
        local.get $l17
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l19
        i32.const 1
        i32.sub
        local.set $l19
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l16
    local.get $l10
    local.get $l16
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l16
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l16
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l16
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l16
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l16
    f32x4.mul
    local.set $l15
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l20
        local.get $l20
        local.get $l10
        v128.store align=4
        local.get $l20
        local.get $l11
        v128.store offset=16 align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l12
        v128.store align=4
        local.get $l20
        local.get $l13
        v128.store offset=16 align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l14
        v128.store align=4
        local.get $l20
        local.get $l15
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l18
        local.get $p4
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l18
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l20
        local.get $l20
        v128.load offset=16 align=4
        local.get $l18
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l18
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l20
        local.get $l20
        v128.load offset=16 align=4
        local.get $l18
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l20
        local.get $p5
        i32.add
        local.set $l20
        local.get $l20
        local.get $l20
        v128.load align=4
        local.get $l18
        local.get $l14
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l20
        local.get $l20
        v128.load offset=16 align=4
        local.get $l18
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p4
      local.set $l20
      i32.const 0
      local.set $l19
      block $B4
        loop $L5
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l21
          local.get $l20
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l21
            local.get $l20
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L5
        end
      end
      local.get $l20
      local.get $p5
      i32.add
      local.set $l20
      i32.const 0
      local.set $l19
      block $B7
        loop $L8
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l21
          local.get $l20
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l21
            local.get $l20
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L8
        end
      end
      local.get $l20
      local.get $p5
      i32.add
      local.set $l20
      i32.const 0
      local.set $l19
      block $B10
        loop $L11
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=64
          local.set $l21
          local.get $l20
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l21
            local.get $l20
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l21
          end
          local.get $l21
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L11
        end
      end
    end)
  (func $f27 (type $t27) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 i32) (local $l18 i32) (local $l19 f32)
    local.get $p0
    local.set $l17
    block $B0
      loop $L1
        local.get $l17
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l13
        local.get $p3
        v128.load offset=16 align=4
        local.set $l14
        local.get $p3
        v128.load offset=32 align=4
        local.set $l15
        local.get $p1
        v128.load32_splat
        local.set $l16
        local.get $l16
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l16
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l16
        local.get $l15
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 48
        i32.add
        local.set $p3
        local.get $l17
        i32.const 1
        i32.sub
        local.set $l17
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l13
    local.get $l10
    local.get $l13
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l13
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l13
    f32x4.mul
    local.set $l12
    local.get $p8
    i32.const 12
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l10
        v128.store align=4
        local.get $l18
        local.get $l11
        v128.store offset=16 align=4
        local.get $l18
        local.get $l12
        v128.store offset=32 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l16
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $l18
        v128.load offset=16 align=4
        local.get $l16
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l18
        local.get $l18
        v128.load offset=32 align=4
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        v128.store offset=32 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p4
      local.set $l18
      i32.const 0
      local.set $l17
      block $B4
        loop $L5
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l19
          local.get $l18
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l19
            local.get $l18
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L5
        end
      end
    end)
  (func $f28 (type $t28) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 v128) (local $l20 i32) (local $l21 i32) (local $l22 f32)
    local.get $p0
    local.set $l20
    block $B0
      loop $L1
        local.get $l20
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l16
        local.get $p3
        v128.load offset=16 align=4
        local.set $l17
        local.get $p3
        v128.load offset=32 align=4
        local.set $l18
        local.get $p1
        v128.load32_splat
        local.set $l19
        local.get $l19
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l19
        local.get $l17
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l19
        local.get $l18
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $p1
        v128.load32_splat offset=4
        local.set $l19
        local.get $l19
        local.get $l16
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $l19
        local.get $l17
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l19
        local.get $l18
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 48
        i32.add
        local.set $p3
        local.get $l20
        i32.const 1
        i32.sub
        local.set $l20
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l16
    local.get $l10
    local.get $l16
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l16
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l16
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l16
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l16
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l16
    f32x4.mul
    local.set $l15
    local.get $p8
    i32.const 12
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l21
        local.get $l21
        local.get $l10
        v128.store align=4
        local.get $l21
        local.get $l11
        v128.store offset=16 align=4
        local.get $l21
        local.get $l12
        v128.store offset=32 align=4
        local.get $l21
        local.get $p5
        i32.add
        local.set $l21
        local.get $l21
        local.get $l13
        v128.store align=4
        local.get $l21
        local.get $l14
        v128.store offset=16 align=4
        local.get $l21
        local.get $l15
        v128.store offset=32 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l19
        local.get $p4
        local.set $l21
        local.get $l21
        local.get $l21
        v128.load align=4
        local.get $l19
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l21
        local.get $l21
        v128.load offset=16 align=4
        local.get $l19
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l21
        local.get $l21
        v128.load offset=32 align=4
        local.get $l19
        local.get $l12
        f32x4.relaxed_madd
        v128.store offset=32 align=4
        local.get $l21
        local.get $p5
        i32.add
        local.set $l21
        local.get $l21
        local.get $l21
        v128.load align=4
        local.get $l19
        local.get $l13
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l21
        local.get $l21
        v128.load offset=16 align=4
        local.get $l19
        local.get $l14
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l21
        local.get $l21
        v128.load offset=32 align=4
        local.get $l19
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=32 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p4
      local.set $l21
      i32.const 0
      local.set $l20
      block $B4
        loop $L5
          local.get $l20
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l20
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l22
          local.get $l21
          local.get $l20
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l22
            local.get $l21
            local.get $l20
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l22
          end
          local.get $l22
          f32.store
          local.get $l20
          i32.const 1
          i32.add
          local.set $l20
          br $L5
        end
      end
      local.get $l21
      local.get $p5
      i32.add
      local.set $l21
      i32.const 0
      local.set $l20
      block $B7
        loop $L8
          local.get $l20
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l20
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=48
          local.set $l22
          local.get $l21
          local.get $l20
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l22
            local.get $l21
            local.get $l20
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l22
          end
          local.get $l22
          f32.store
          local.get $l20
          i32.const 1
          i32.add
          local.set $l20
          br $L8
        end
      end
    end)
  (func $f29 (type $t29) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 v128) (local $l20 v128) (local $l21 v128) (local $l22 v128) (local $l23 i32) (local $l24 i32) (local $l25 f32)
    local.get $p0
    local.set $l23
    block $B0
      loop $L1
        local.get $l23
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l19
        local.get $p3
        v128.load offset=16 align=4
        local.set $l20
        local.get $p3
        v128.load offset=32 align=4
        local.set $l21
        local.get $p1
        v128.load32_splat
        local.set $l22
        local.get $l22
        local.get $l19
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l22
        local.get $l20
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l22
        local.get $l21
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $p1
        v128.load32_splat offset=4
        local.set $l22
        local.get $l22
        local.get $l19
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $l22
        local.get $l20
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l22
        local.get $l21
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $p1
        v128.load32_splat offset=8
        local.set $l22
        local.get $l22
        local.get $l19
        local.get $l16
        f32x4.relaxed_madd
        local.set $l16
        local.get $l22
        local.get $l20
        local.get $l17
        f32x4.relaxed_madd
        local.set $l17
        local.get $l22
        local.get $l21
        local.get $l18
        f32x4.relaxed_madd
        local.set $l18
        local.get $p1
        local.get $p2
        i32.add
        local.set $p1
        local.get $p3
        i32.const 48
        i32.add
        local.set $p3
        local.get $l23
        i32.const 1
        i32.sub
        local.set $l23
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l19
    local.get $l10
    local.get $l19
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l19
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l19
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l19
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l19
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l19
    f32x4.mul
    local.set $l15
    local.get $l16
    local.get $l19
    f32x4.mul
    local.set $l16
    local.get $l17
    local.get $l19
    f32x4.mul
    local.set $l17
    local.get $l18
    local.get $l19
    f32x4.mul
    local.set $l18
    local.get $p8
    i32.const 12
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l24
        local.get $l24
        local.get $l10
        v128.store align=4
        local.get $l24
        local.get $l11
        v128.store offset=16 align=4
        local.get $l24
        local.get $l12
        v128.store offset=32 align=4
        local.get $l24
        local.get $p5
        i32.add
        local.set $l24
        local.get $l24
        local.get $l13
        v128.store align=4
        local.get $l24
        local.get $l14
        v128.store offset=16 align=4
        local.get $l24
        local.get $l15
        v128.store offset=32 align=4
        local.get $l24
        local.get $p5
        i32.add
        local.set $l24
        local.get $l24
        local.get $l16
        v128.store align=4
        local.get $l24
        local.get $l17
        v128.store offset=16 align=4
        local.get $l24
        local.get $l18
        v128.store offset=32 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l22
        local.get $p4
        local.set $l24
        local.get $l24
        local.get $l24
        v128.load align=4
        local.get $l22
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l24
        local.get $l24
        v128.load offset=16 align=4
        local.get $l22
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l24
        local.get $l24
        v128.load offset=32 align=4
        local.get $l22
        local.get $l12
        f32x4.relaxed_madd
        v128.store offset=32 align=4
        local.get $l24
        local.get $p5
        i32.add
        local.set $l24
        local.get $l24
        local.get $l24
        v128.load align=4
        local.get $l22
        local.get $l13
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l24
        local.get $l24
        v128.load offset=16 align=4
        local.get $l22
        local.get $l14
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l24
        local.get $l24
        v128.load offset=32 align=4
        local.get $l22
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=32 align=4
        local.get $l24
        local.get $p5
        i32.add
        local.set $l24
        local.get $l24
        local.get $l24
        v128.load align=4
        local.get $l22
        local.get $l16
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l24
        local.get $l24
        v128.load offset=16 align=4
        local.get $l22
        local.get $l17
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l24
        local.get $l24
        v128.load offset=32 align=4
        local.get $l22
        local.get $l18
        f32x4.relaxed_madd
        v128.store offset=32 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p9
      local.get $l16
      v128.store offset=96 align=4
      local.get $p9
      local.get $l17
      v128.store offset=112 align=4
      local.get $p9
      local.get $l18
      v128.store offset=128 align=4
      local.get $p4
      local.set $l24
      i32.const 0
      local.set $l23
      block $B4
        loop $L5
          local.get $l23
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l25
          local.get $l24
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l25
            local.get $l24
            local.get $l23
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l25
          end
          local.get $l25
          f32.store
          local.get $l23
          i32.const 1
          i32.add
          local.set $l23
          br $L5
        end
      end
      local.get $l24
      local.get $p5
      i32.add
      local.set $l24
      i32.const 0
      local.set $l23
      block $B7
        loop $L8
          local.get $l23
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=48
          local.set $l25
          local.get $l24
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l25
            local.get $l24
            local.get $l23
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l25
          end
          local.get $l25
          f32.store
          local.get $l23
          i32.const 1
          i32.add
          local.set $l23
          br $L8
        end
      end
      local.get $l24
      local.get $p5
      i32.add
      local.set $l24
      i32.const 0
      local.set $l23
      block $B10
        loop $L11
          local.get $l23
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=96
          local.set $l25
          local.get $l24
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l25
            local.get $l24
            local.get $l23
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l25
          end
          local.get $l25
          f32.store
          local.get $l23
          i32.const 1
          i32.add
          local.set $l23
          br $L11
        end
      end
    end)
  (func $f30 (type $t30) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 i32) (local $l14 i32) (local $l15 f32)
    local.get $p0
    local.set $l13
    block $B0
      loop $L1
        local.get $l13
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l11
        local.get $p1
        v128.load32_splat
        local.set $l12
        local.get $l12
        local.get $l11
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l13
        i32.const 1
        i32.sub
        local.set $l13
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l11
    local.get $l10
    local.get $l11
    f32x4.mul
    local.set $l10
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l14
        local.get $l14
        local.get $l10
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l12
        local.get $p4
        local.set $l14
        local.get $l14
        local.get $l14
        v128.load align=4
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p4
      local.set $l14
      i32.const 0
      local.set $l13
      block $B4
        loop $L5
          local.get $l13
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l13
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l15
          local.get $l14
          local.get $l13
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l15
            local.get $l14
            local.get $l13
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l15
          end
          local.get $l15
          f32.store
          local.get $l13
          i32.const 1
          i32.add
          local.set $l13
          br $L5
        end
      end
    end)
  (func $f31 (type $t31) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 i32) (local $l15 i32) (local $l16 i32) (local $l17 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l15
    local.get $p0
    local.set $l14
    block $B0
      loop $L1
        local.get $l14
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l12
        local.get $p1
        v128.load32_splat
        local.set $l13
        local.get $l13
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l15
        v128.load32_splat
        local.set $l13
        local.get $l13
        local.get $l12
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l15
        i32.const 4
        i32.add
        local.set $l15
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l14
        i32.const 1
        i32.sub
        local.set $l14
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l12
    local.get $l10
    local.get $l12
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l12
    f32x4.mul
    local.set $l11
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l10
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l11
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l13
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $p5
        i32.add
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p4
      local.set $l16
      i32.const 0
      local.set $l14
      block $B4
        loop $L5
          local.get $l14
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l17
          local.get $l16
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l17
            local.get $l16
            local.get $l14
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l14
          i32.const 1
          i32.add
          local.set $l14
          br $L5
        end
      end
      local.get $l16
      local.get $p5
      i32.add
      local.set $l16
      i32.const 0
      local.set $l14
      block $B7
        loop $L8
          local.get $l14
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l17
          local.get $l16
          local.get $l14
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l17
            local.get $l16
            local.get $l14
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l14
          i32.const 1
          i32.add
          local.set $l14
          br $L8
        end
      end
    end)
  (func $f32 (type $t32) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 i32) (local $l16 i32) (local $l17 i32) (local $l18 i32) (local $l19 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l16
    local.get $l16
    local.get $p2
    i32.add
    local.set $l17
    local.get $p0
    local.set $l15
    block $B0
      loop $L1
        local.get $l15
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l13
        local.get $p1
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l16
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l17
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l13
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l16
        i32.const 4
        i32.add
        local.set $l16
        local.get $l17
        i32.const 4
        i32.add
        local.set $l17
        local.get $p3
        i32.const 16
        i32.add
        local.set $p3
        local.get $l15
        i32.const 1
        i32.sub
        local.set $l15
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l13
    local.get $l10
    local.get $l13
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l13
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l13
    f32x4.mul
    local.set $l12
    local.get $p8
    i32.const 4
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l10
        v128.store align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l11
        v128.store align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l12
        v128.store align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l14
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $p5
        i32.add
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p4
      local.set $l18
      i32.const 0
      local.set $l15
      block $B4
        loop $L5
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l19
          local.get $l18
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l19
            local.get $l18
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L5
        end
      end
      local.get $l18
      local.get $p5
      i32.add
      local.set $l18
      i32.const 0
      local.set $l15
      block $B7
        loop $L8
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=16
          local.set $l19
          local.get $l18
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l19
            local.get $l18
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L8
        end
      end
      local.get $l18
      local.get $p5
      i32.add
      local.set $l18
      i32.const 0
      local.set $l15
      block $B10
        loop $L11
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l19
          local.get $l18
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l19
            local.get $l18
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L11
        end
      end
    end)
  (func $f33 (type $t33) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 i32) (local $l16 i32) (local $l17 f32)
    local.get $p0
    local.set $l15
    block $B0
      loop $L1
        local.get $l15
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l12
        local.get $p3
        v128.load offset=16 align=4
        local.set $l13
        local.get $p1
        v128.load32_splat
        local.set $l14
        local.get $l14
        local.get $l12
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l14
        local.get $l13
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l15
        i32.const 1
        i32.sub
        local.set $l15
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l12
    local.get $l10
    local.get $l12
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l12
    f32x4.mul
    local.set $l11
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l10
        v128.store align=4
        local.get $l16
        local.get $l11
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l14
        local.get $p4
        local.set $l16
        local.get $l16
        local.get $l16
        v128.load align=4
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l16
        local.get $l16
        v128.load offset=16 align=4
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p4
      local.set $l16
      i32.const 0
      local.set $l15
      block $B4
        loop $L5
          local.get $l15
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l17
          local.get $l16
          local.get $l15
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l17
            local.get $l16
            local.get $l15
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l17
          end
          local.get $l17
          f32.store
          local.get $l15
          i32.const 1
          i32.add
          local.set $l15
          br $L5
        end
      end
    end)
  (func $f34 (type $t34) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 i32) (local $l18 i32) (local $l19 i32) (local $l20 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l18
    local.get $p0
    local.set $l17
    block $B0
      loop $L1
        local.get $l17
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l14
        local.get $p3
        v128.load offset=16 align=4
        local.set $l15
        local.get $p1
        v128.load32_splat
        local.set $l16
        local.get $l16
        local.get $l14
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l16
        local.get $l15
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l18
        v128.load32_splat
        local.set $l16
        local.get $l16
        local.get $l14
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l16
        local.get $l15
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l18
        i32.const 4
        i32.add
        local.set $l18
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l17
        i32.const 1
        i32.sub
        local.set $l17
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l14
    local.get $l10
    local.get $l14
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l14
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l14
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l14
    f32x4.mul
    local.set $l13
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l19
        local.get $l19
        local.get $l10
        v128.store align=4
        local.get $l19
        local.get $l11
        v128.store offset=16 align=4
        local.get $l19
        local.get $p5
        i32.add
        local.set $l19
        local.get $l19
        local.get $l12
        v128.store align=4
        local.get $l19
        local.get $l13
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l16
        local.get $p4
        local.set $l19
        local.get $l19
        local.get $l19
        v128.load align=4
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l19
        local.get $l19
        v128.load offset=16 align=4
        local.get $l16
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l19
        local.get $p5
        i32.add
        local.set $l19
        local.get $l19
        local.get $l19
        v128.load align=4
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l19
        local.get $l19
        v128.load offset=16 align=4
        local.get $l16
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p4
      local.set $l19
      i32.const 0
      local.set $l17
      block $B4
        loop $L5
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l20
          local.get $l19
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l20
            local.get $l19
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l20
          end
          local.get $l20
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L5
        end
      end
      local.get $l19
      local.get $p5
      i32.add
      local.set $l19
      i32.const 0
      local.set $l17
      block $B7
        loop $L8
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l20
          local.get $l19
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l20
            local.get $l19
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l20
          end
          local.get $l20
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L8
        end
      end
    end)
  (func $f35 (type $t35) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 i32) (local $l20 i32) (local $l21 i32) (local $l22 i32) (local $l23 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l20
    local.get $l20
    local.get $p2
    i32.add
    local.set $l21
    local.get $p0
    local.set $l19
    block $B0
      loop $L1
        local.get $l19
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l16
        local.get $p3
        v128.load offset=16 align=4
        local.set $l17
        local.get $p1
        v128.load32_splat
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l18
        local.get $l17
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l20
        v128.load32_splat
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l18
        local.get $l17
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $l21
        v128.load32_splat
        local.set $l18
        local.get $l18
        local.get $l16
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l18
        local.get $l17
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l20
        i32.const 4
        i32.add
        local.set $l20
        local.get $l21
        i32.const 4
        i32.add
        local.set $l21
        local.get $p3
        i32.const 32
        i32.add
        local.set $p3
        local.get $l19
        i32.const 1
        i32.sub
        local.set $l19
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l16
    local.get $l10
    local.get $l16
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l16
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l16
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l16
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l16
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l16
    f32x4.mul
    local.set $l15
    local.get $p8
    i32.const 8
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l22
        local.get $l22
        local.get $l10
        v128.store align=4
        local.get $l22
        local.get $l11
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l12
        v128.store align=4
        local.get $l22
        local.get $l13
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l14
        v128.store align=4
        local.get $l22
        local.get $l15
        v128.store offset=16 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l18
        local.get $p4
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l18
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l18
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l18
        local.get $l12
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l18
        local.get $l13
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l18
        local.get $l14
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l18
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=16 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p4
      local.set $l22
      i32.const 0
      local.set $l19
      block $B4
        loop $L5
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l23
          local.get $l22
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l23
            local.get $l22
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L5
        end
      end
      local.get $l22
      local.get $p5
      i32.add
      local.set $l22
      i32.const 0
      local.set $l19
      block $B7
        loop $L8
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=32
          local.set $l23
          local.get $l22
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l23
            local.get $l22
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L8
        end
      end
      local.get $l22
      local.get $p5
      i32.add
      local.set $l22
      i32.const 0
      local.set $l19
      block $B10
        loop $L11
          local.get $l19
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=64
          local.set $l23
          local.get $l22
          local.get $l19
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l23
            local.get $l22
            local.get $l19
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l19
          i32.const 1
          i32.add
          local.set $l19
          br $L11
        end
      end
    end)
  (func $f36 (type $t36) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 i32) (local $l18 i32) (local $l19 f32)
    local.get $p0
    local.set $l17
    block $B0
      loop $L1
        local.get $l17
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l13
        local.get $p3
        v128.load offset=16 align=4
        local.set $l14
        local.get $p3
        v128.load offset=32 align=4
        local.set $l15
        local.get $p1
        v128.load32_splat
        local.set $l16
        local.get $l16
        local.get $l13
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l16
        local.get $l14
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l16
        local.get $l15
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $p3
        i32.const 48
        i32.add
        local.set $p3
        local.get $l17
        i32.const 1
        i32.sub
        local.set $l17
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l13
    local.get $l10
    local.get $l13
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l13
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l13
    f32x4.mul
    local.set $l12
    local.get $p8
    i32.const 12
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l10
        v128.store align=4
        local.get $l18
        local.get $l11
        v128.store offset=16 align=4
        local.get $l18
        local.get $l12
        v128.store offset=32 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l16
        local.get $p4
        local.set $l18
        local.get $l18
        local.get $l18
        v128.load align=4
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l18
        local.get $l18
        v128.load offset=16 align=4
        local.get $l16
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l18
        local.get $l18
        v128.load offset=32 align=4
        local.get $l16
        local.get $l12
        f32x4.relaxed_madd
        v128.store offset=32 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p4
      local.set $l18
      i32.const 0
      local.set $l17
      block $B4
        loop $L5
          local.get $l17
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l19
          local.get $l18
          local.get $l17
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l19
            local.get $l18
            local.get $l17
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l19
          end
          local.get $l19
          f32.store
          local.get $l17
          i32.const 1
          i32.add
          local.set $l17
          br $L5
        end
      end
    end)
  (func $f37 (type $t37) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 v128) (local $l20 i32) (local $l21 i32) (local $l22 i32) (local $l23 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l21
    local.get $p0
    local.set $l20
    block $B0
      loop $L1
        local.get $l20
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l16
        local.get $p3
        v128.load offset=16 align=4
        local.set $l17
        local.get $p3
        v128.load offset=32 align=4
        local.set $l18
        local.get $p1
        v128.load32_splat
        local.set $l19
        local.get $l19
        local.get $l16
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l19
        local.get $l17
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l19
        local.get $l18
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l21
        v128.load32_splat
        local.set $l19
        local.get $l19
        local.get $l16
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $l19
        local.get $l17
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l19
        local.get $l18
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l21
        i32.const 4
        i32.add
        local.set $l21
        local.get $p3
        i32.const 48
        i32.add
        local.set $p3
        local.get $l20
        i32.const 1
        i32.sub
        local.set $l20
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l16
    local.get $l10
    local.get $l16
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l16
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l16
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l16
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l16
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l16
    f32x4.mul
    local.set $l15
    local.get $p8
    i32.const 12
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l22
        local.get $l22
        local.get $l10
        v128.store align=4
        local.get $l22
        local.get $l11
        v128.store offset=16 align=4
        local.get $l22
        local.get $l12
        v128.store offset=32 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l13
        v128.store align=4
        local.get $l22
        local.get $l14
        v128.store offset=16 align=4
        local.get $l22
        local.get $l15
        v128.store offset=32 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l19
        local.get $p4
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l19
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l19
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l22
        local.get $l22
        v128.load offset=32 align=4
        local.get $l19
        local.get $l12
        f32x4.relaxed_madd
        v128.store offset=32 align=4
        local.get $l22
        local.get $p5
        i32.add
        local.set $l22
        local.get $l22
        local.get $l22
        v128.load align=4
        local.get $l19
        local.get $l13
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l22
        local.get $l22
        v128.load offset=16 align=4
        local.get $l19
        local.get $l14
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l22
        local.get $l22
        v128.load offset=32 align=4
        local.get $l19
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=32 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p4
      local.set $l22
      i32.const 0
      local.set $l20
      block $B4
        loop $L5
          local.get $l20
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l20
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l23
          local.get $l22
          local.get $l20
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l23
            local.get $l22
            local.get $l20
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l20
          i32.const 1
          i32.add
          local.set $l20
          br $L5
        end
      end
      local.get $l22
      local.get $p5
      i32.add
      local.set $l22
      i32.const 0
      local.set $l20
      block $B7
        loop $L8
          local.get $l20
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l20
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=48
          local.set $l23
          local.get $l22
          local.get $l20
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l23
            local.get $l22
            local.get $l20
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l23
          end
          local.get $l23
          f32.store
          local.get $l20
          i32.const 1
          i32.add
          local.set $l20
          br $L8
        end
      end
    end)
  (func $f38 (type $t38) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 i32) (param $p6 f32) (param $p7 f32) (param $p8 i32) (param $p9 i32)
    (local $l10 v128) (local $l11 v128) (local $l12 v128) (local $l13 v128) (local $l14 v128) (local $l15 v128) (local $l16 v128) (local $l17 v128) (local $l18 v128) (local $l19 v128) (local $l20 v128) (local $l21 v128) (local $l22 v128) (local $l23 i32) (local $l24 i32) (local $l25 i32) (local $l26 i32) (local $l27 f32)
    local.get $p1
    local.get $p2
    i32.add
    local.set $l24
    local.get $l24
    local.get $p2
    i32.add
    local.set $l25
    local.get $p0
    local.set $l23
    block $B0
      loop $L1
        local.get $l23
        i32.eqz
        br_if $B0
        local.get $p3
        v128.load align=4
        local.set $l19
        local.get $p3
        v128.load offset=16 align=4
        local.set $l20
        local.get $p3
        v128.load offset=32 align=4
        local.set $l21
        local.get $p1
        v128.load32_splat
        local.set $l22
        local.get $l22
        local.get $l19
        local.get $l10
        f32x4.relaxed_madd
        local.set $l10
        local.get $l22
        local.get $l20
        local.get $l11
        f32x4.relaxed_madd
        local.set $l11
        local.get $l22
        local.get $l21
        local.get $l12
        f32x4.relaxed_madd
        local.set $l12
        local.get $l24
        v128.load32_splat
        local.set $l22
        local.get $l22
        local.get $l19
        local.get $l13
        f32x4.relaxed_madd
        local.set $l13
        local.get $l22
        local.get $l20
        local.get $l14
        f32x4.relaxed_madd
        local.set $l14
        local.get $l22
        local.get $l21
        local.get $l15
        f32x4.relaxed_madd
        local.set $l15
        local.get $l25
        v128.load32_splat
        local.set $l22
        local.get $l22
        local.get $l19
        local.get $l16
        f32x4.relaxed_madd
        local.set $l16
        local.get $l22
        local.get $l20
        local.get $l17
        f32x4.relaxed_madd
        local.set $l17
        local.get $l22
        local.get $l21
        local.get $l18
        f32x4.relaxed_madd
        local.set $l18
        local.get $p1
        i32.const 4
        i32.add
        local.set $p1
        local.get $l24
        i32.const 4
        i32.add
        local.set $l24
        local.get $l25
        i32.const 4
        i32.add
        local.set $l25
        local.get $p3
        i32.const 48
        i32.add
        local.set $p3
        local.get $l23
        i32.const 1
        i32.sub
        local.set $l23
        br $L1
      end
    end
    local.get $p6
    f32x4.splat
    local.set $l19
    local.get $l10
    local.get $l19
    f32x4.mul
    local.set $l10
    local.get $l11
    local.get $l19
    f32x4.mul
    local.set $l11
    local.get $l12
    local.get $l19
    f32x4.mul
    local.set $l12
    local.get $l13
    local.get $l19
    f32x4.mul
    local.set $l13
    local.get $l14
    local.get $l19
    f32x4.mul
    local.set $l14
    local.get $l15
    local.get $l19
    f32x4.mul
    local.set $l15
    local.get $l16
    local.get $l19
    f32x4.mul
    local.set $l16
    local.get $l17
    local.get $l19
    f32x4.mul
    local.set $l17
    local.get $l18
    local.get $l19
    f32x4.mul
    local.set $l18
    local.get $p8
    i32.const 12
    i32.eq
    if $I2
      local.get $p7
      f32.const 0x0p+0 (;=0;)
      f32.eq
      if $I3
        local.get $p4
        local.set $l26
        local.get $l26
        local.get $l10
        v128.store align=4
        local.get $l26
        local.get $l11
        v128.store offset=16 align=4
        local.get $l26
        local.get $l12
        v128.store offset=32 align=4
        local.get $l26
        local.get $p5
        i32.add
        local.set $l26
        local.get $l26
        local.get $l13
        v128.store align=4
        local.get $l26
        local.get $l14
        v128.store offset=16 align=4
        local.get $l26
        local.get $l15
        v128.store offset=32 align=4
        local.get $l26
        local.get $p5
        i32.add
        local.set $l26
        local.get $l26
        local.get $l16
        v128.store align=4
        local.get $l26
        local.get $l17
        v128.store offset=16 align=4
        local.get $l26
        local.get $l18
        v128.store offset=32 align=4
      else
        local.get $p7
        f32x4.splat
        local.set $l22
        local.get $p4
        local.set $l26
        local.get $l26
        local.get $l26
        v128.load align=4
        local.get $l22
        local.get $l10
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l26
        local.get $l26
        v128.load offset=16 align=4
        local.get $l22
        local.get $l11
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l26
        local.get $l26
        v128.load offset=32 align=4
        local.get $l22
        local.get $l12
        f32x4.relaxed_madd
        v128.store offset=32 align=4
        local.get $l26
        local.get $p5
        i32.add
        local.set $l26
        local.get $l26
        local.get $l26
        v128.load align=4
        local.get $l22
        local.get $l13
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l26
        local.get $l26
        v128.load offset=16 align=4
        local.get $l22
        local.get $l14
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l26
        local.get $l26
        v128.load offset=32 align=4
        local.get $l22
        local.get $l15
        f32x4.relaxed_madd
        v128.store offset=32 align=4
        local.get $l26
        local.get $p5
        i32.add
        local.set $l26
        local.get $l26
        local.get $l26
        v128.load align=4
        local.get $l22
        local.get $l16
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l26
        local.get $l26
        v128.load offset=16 align=4
        local.get $l22
        local.get $l17
        f32x4.relaxed_madd
        v128.store offset=16 align=4
        local.get $l26
        local.get $l26
        v128.load offset=32 align=4
        local.get $l22
        local.get $l18
        f32x4.relaxed_madd
        v128.store offset=32 align=4
      end
    else
      local.get $p9
      local.get $l10
      v128.store align=4
      local.get $p9
      local.get $l11
      v128.store offset=16 align=4
      local.get $p9
      local.get $l12
      v128.store offset=32 align=4
      local.get $p9
      local.get $l13
      v128.store offset=48 align=4
      local.get $p9
      local.get $l14
      v128.store offset=64 align=4
      local.get $p9
      local.get $l15
      v128.store offset=80 align=4
      local.get $p9
      local.get $l16
      v128.store offset=96 align=4
      local.get $p9
      local.get $l17
      v128.store offset=112 align=4
      local.get $p9
      local.get $l18
      v128.store offset=128 align=4
      local.get $p4
      local.set $l26
      i32.const 0
      local.set $l23
      block $B4
        loop $L5
          local.get $l23
          local.get $p8
          i32.ge_s
          br_if $B4
          local.get $p9
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          f32.load
          local.set $l27
          local.get $l26
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I6
            local.get $l27
            local.get $l26
            local.get $l23
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l27
          end
          local.get $l27
          f32.store
          local.get $l23
          i32.const 1
          i32.add
          local.set $l23
          br $L5
        end
      end
      local.get $l26
      local.get $p5
      i32.add
      local.set $l26
      i32.const 0
      local.set $l23
      block $B7
        loop $L8
          local.get $l23
          local.get $p8
          i32.ge_s
          br_if $B7
          local.get $p9
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=48
          local.set $l27
          local.get $l26
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I9
            local.get $l27
            local.get $l26
            local.get $l23
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l27
          end
          local.get $l27
          f32.store
          local.get $l23
          i32.const 1
          i32.add
          local.set $l23
          br $L8
        end
      end
      local.get $l26
      local.get $p5
      i32.add
      local.set $l26
      i32.const 0
      local.set $l23
      block $B10
        loop $L11
          local.get $l23
          local.get $p8
          i32.ge_s
          br_if $B10
          local.get $p9
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          f32.load offset=96
          local.set $l27
          local.get $l26
          local.get $l23
          i32.const 2
          i32.shl
          i32.add
          local.get $p7
          f32.const 0x0p+0 (;=0;)
          f32.ne
          if $I12
            local.get $l27
            local.get $l26
            local.get $l23
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $p7
            f32.mul
            f32.add
            local.set $l27
          end
          local.get $l27
          f32.store
          local.get $l23
          i32.const 1
          i32.add
          local.set $l23
          br $L11
        end
      end
    end)
  (func $gemm_narrow (type $t39) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32) (param $p5 f32) (param $p6 i32) (param $p7 i32) (param $p8 i32) (param $p9 i32) (param $p10 f32) (param $p11 i32) (param $p12 i32) (param $p13 i32)
    (local $l14 i32) (local $l15 i32) (local $l16 i32) (local $l17 i32) (local $l18 i32) (local $l19 i32) (local $l20 i32) (local $l21 i32) (local $l22 i32) (local $l23 i32) (local $l24 i32) (local $l25 f32) (local $l26 i32) (local $l27 i32) (local $l28 i32) (local $l29 i32) (local $l30 i32) (local $l31 i32) (local $l32 i32) (local $l33 i32) (local $l34 i32) (local $l35 i32) (local $l36 i32)
    local.get $p13
    i32.const 256
    i32.add
    local.set $l26
    local.get $l26
    i32.const 393216
    i32.add
    local.set $l33
    local.get $p7
    i32.const 2
    i32.shl
    local.set $l31
    local.get $p12
    i32.const 2
    i32.shl
    local.set $l32
    local.get $p3
    i32.const 1073741824
    i32.ge_s
    local.set $l36
    local.get $l36
    local.get $p0
    i32.or
    local.set $l34
    i32.const 12
    local.get $l31
    local.get $l36
    select
    local.set $l35
    i32.const 0
    local.set $l14
    block $B0
      loop $L1
        local.get $l14
        local.get $p3
        i32.ge_s
        br_if $B0
        i32.const 384
        local.get $p3
        local.get $l14
        i32.sub
        i32.const 384
        local.get $p3
        local.get $l14
        i32.sub
        i32.lt_s
        select
        local.set $l15
        i32.const 0
        local.set $l16
        block $B2
          loop $L3
            local.get $l16
            local.get $p4
            i32.ge_s
            br_if $B2
            i32.const 256
            local.get $p4
            local.get $l16
            i32.sub
            i32.const 256
            local.get $p4
            local.get $l16
            i32.sub
            i32.lt_s
            select
            local.set $l17
            local.get $p10
            f32.const 0x1p+0 (;=1;)
            local.get $l16
            i32.eqz
            select
            local.set $l25
            local.get $p1
            local.get $p8
            local.get $p9
            local.get $l16
            local.get $l17
            local.get $l14
            local.get $l15
            local.get $l26
            call $f19
            i32.const 0
            local.set $l18
            block $B4
              loop $L5
                local.get $l18
                local.get $p2
                i32.ge_s
                br_if $B4
                i32.const 129
                local.get $p2
                local.get $l18
                i32.sub
                i32.const 129
                local.get $p2
                local.get $l18
                i32.sub
                i32.lt_s
                select
                local.set $l19
                local.get $l36
                if $I6
                  local.get $p0
                  local.get $p6
                  local.get $p7
                  local.get $l18
                  local.get $l19
                  local.get $l16
                  local.get $l17
                  local.get $l33
                  call $f20
                end
                i32.const 0
                local.set $l20
                block $B7
                  loop $L8
                    local.get $l20
                    local.get $l15
                    i32.ge_s
                    br_if $B7
                    i32.const 12
                    local.get $l15
                    local.get $l20
                    i32.sub
                    i32.const 12
                    local.get $l15
                    local.get $l20
                    i32.sub
                    i32.lt_s
                    select
                    local.set $l21
                    local.get $l21
                    i32.const 3
                    i32.add
                    i32.const 2
                    i32.shr_u
                    local.set $l28
                    local.get $l26
                    local.get $l20
                    local.get $l17
                    i32.mul
                    i32.const 2
                    i32.shl
                    i32.add
                    local.set $l27
                    i32.const 0
                    local.set $l22
                    block $B9
                      loop $L10
                        local.get $l22
                        local.get $l19
                        i32.ge_s
                        br_if $B9
                        i32.const 3
                        local.get $l19
                        local.get $l22
                        i32.sub
                        i32.const 3
                        local.get $l19
                        local.get $l22
                        i32.sub
                        i32.lt_s
                        select
                        local.set $l23
                        local.get $l18
                        local.get $l22
                        i32.add
                        local.set $l24
                        local.get $l36
                        if $I11
                          local.get $l33
                          local.get $l22
                          local.get $l17
                          i32.mul
                          i32.const 2
                          i32.shl
                          i32.add
                          local.set $l29
                        else
                          local.get $p0
                          if $I12
                            local.get $p6
                            local.get $l16
                            local.get $p7
                            i32.mul
                            local.get $l24
                            i32.add
                            i32.const 2
                            i32.shl
                            i32.add
                            local.set $l29
                          else
                            local.get $p6
                            local.get $l24
                            local.get $p7
                            i32.mul
                            local.get $l16
                            i32.add
                            i32.const 2
                            i32.shl
                            i32.add
                            local.set $l29
                          end
                        end
                        local.get $p11
                        local.get $l24
                        local.get $p12
                        i32.mul
                        local.get $l14
                        i32.add
                        local.get $l20
                        i32.add
                        i32.const 2
                        i32.shl
                        i32.add
                        local.set $l30
                        local.get $l34
                        if $I13
                          local.get $l28
                          i32.const 3
                          i32.eq
                          if $I14
                            local.get $l23
                            i32.const 3
                            i32.eq
                            if $I15
                              local.get $l17
                              local.get $l29
                              local.get $l35
                              local.get $l27
                              local.get $l30
                              local.get $l32
                              local.get $p5
                              local.get $l25
                              local.get $l21
                              local.get $p13
                              call $f29
                            else
                              local.get $l23
                              i32.const 2
                              i32.eq
                              if $I16
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f28
                              else
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f27
                              end
                            end
                          else
                            local.get $l28
                            i32.const 2
                            i32.eq
                            if $I17
                              local.get $l23
                              i32.const 3
                              i32.eq
                              if $I18
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f26
                              else
                                local.get $l23
                                i32.const 2
                                i32.eq
                                if $I19
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f25
                                else
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f24
                                end
                              end
                            else
                              local.get $l23
                              i32.const 3
                              i32.eq
                              if $I20
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f23
                              else
                                local.get $l23
                                i32.const 2
                                i32.eq
                                if $I21
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f22
                                else
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f21
                                end
                              end
                            end
                          end
                        else
                          local.get $l28
                          i32.const 3
                          i32.eq
                          if $I22
                            local.get $l23
                            i32.const 3
                            i32.eq
                            if $I23
                              local.get $l17
                              local.get $l29
                              local.get $l35
                              local.get $l27
                              local.get $l30
                              local.get $l32
                              local.get $p5
                              local.get $l25
                              local.get $l21
                              local.get $p13
                              call $f38
                            else
                              local.get $l23
                              i32.const 2
                              i32.eq
                              if $I24
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f37
                              else
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f36
                              end
                            end
                          else
                            local.get $l28
                            i32.const 2
                            i32.eq
                            if $I25
                              local.get $l23
                              i32.const 3
                              i32.eq
                              if $I26
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f35
                              else
                                local.get $l23
                                i32.const 2
                                i32.eq
                                if $I27
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f34
                                else
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f33
                                end
                              end
                            else
                              local.get $l23
                              i32.const 3
                              i32.eq
                              if $I28
                                local.get $l17
                                local.get $l29
                                local.get $l35
                                local.get $l27
                                local.get $l30
                                local.get $l32
                                local.get $p5
                                local.get $l25
                                local.get $l21
                                local.get $p13
                                call $f32
                              else
                                local.get $l23
                                i32.const 2
                                i32.eq
                                if $I29
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f31
                                else
                                  local.get $l17
                                  local.get $l29
                                  local.get $l35
                                  local.get $l27
                                  local.get $l30
                                  local.get $l32
                                  local.get $p5
                                  local.get $l25
                                  local.get $l21
                                  local.get $p13
                                  call $f30
                                end
                              end
                            end
                          end
                        end
                        local.get $l22
                        i32.const 3
                        i32.add
                        local.set $l22
                        br $L10
                      end
                    end
                    local.get $l20
                    i32.const 12
                    i32.add
                    local.set $l20
                    br $L8
                  end
                end
                local.get $l18
                i32.const 129
                i32.add
                local.set $l18
                br $L5
              end
            end
            local.get $l16
            i32.const 256
            i32.add
            local.set $l16
            br $L3
          end
        end
        local.get $l14
        i32.const 384
        i32.add
        local.set $l14
        br $L1
      end
    end)
  (func $axpby (type $t40) (param $p0 i32) (param $p1 f32) (param $p2 i32) (param $p3 f32) (param $p4 i32)
    (local $l5 v128) (local $l6 v128) (local $l7 i32) (local $l8 i32)
    local.get $p1
    f32x4.splat
    local.set $l5
    local.get $p3
    f32x4.splat
    local.set $l6
    local.get $p0
    i32.const -4
    i32.and
    i32.const 2
    i32.shl
    local.set $l7
    i32.const 0
    local.set $l8
    block $B0
      loop $L1
        local.get $l8
        local.get $l7
        i32.ge_s
        br_if $B0
        local.get $p4
        local.get $l8
        i32.add
        local.get $p2
        local.get $l8
        i32.add
        v128.load align=4
        local.get $l5
        local.get $p4
        local.get $l8
        i32.add
        v128.load align=4
        local.get $l6
        f32x4.mul
        f32x4.relaxed_madd
        v128.store align=4
        local.get $l8
        i32.const 16
        i32.add
        local.set $l8
        br $L1
      end
    end
    local.get $l7
    local.set $l8
    block $B2
      loop $L3
        local.get $l8
        local.get $p0
        i32.const 2
        i32.shl
        i32.ge_s
        br_if $B2
        local.get $p4
        local.get $l8
        i32.add
        local.get $p2
        local.get $l8
        i32.add
        f32.load
        local.get $p1
        f32.mul
        local.get $p4
        local.get $l8
        i32.add
        f32.load
        local.get $p3
        f32.mul
        f32.add
        f32.store
        local.get $l8
        i32.const 4
        i32.add
        local.set $l8
        br $L3
      end
    end)
  (func $dot (type $t41) (param $p0 i32) (param $p1 i32) (param $p2 i32) (result f64)
    (local $l3 v128) (local $l4 v128) (local $l5 v128) (local $l6 v128) (local $l7 i32) (local $l8 i32) (local $l9 f64)
    local.get $p0
    i32.const -4
    i32.and
    i32.const 2
    i32.shl
    local.set $l7
    i32.const 0
    local.set $l8
    block $B0
      loop $L1
        local.get $l8
        local.get $l7
        i32.ge_s
        br_if $B0
        local.get $p1
        local.get $l8
        i32.add
        v128.load align=4
        local.set $l5
        local.get $p2
        local.get $l8
        i32.add
        v128.load align=4
        local.set $l6
        local.get $l3
        local.get $l5
        f64x2.promote_low_f32x4
        local.get $l6
        f64x2.promote_low_f32x4
        f64x2.mul
        f64x2.add
        local.set $l3
        local.get $l4
        local.get $l5
        local.get $l5
        i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
        f64x2.promote_low_f32x4
        local.get $l6
        local.get $l6
        i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
        f64x2.promote_low_f32x4
        f64x2.mul
        f64x2.add
        local.set $l4
        local.get $l8
        i32.const 16
        i32.add
        local.set $l8
        br $L1
      end
    end
    local.get $l7
    local.set $l8
    block $B2
      loop $L3
        local.get $l8
        local.get $p0
        i32.const 2
        i32.shl
        i32.ge_s
        br_if $B2
        local.get $l9
        local.get $p1
        local.get $l8
        i32.add
        f32.load
        f64.promote_f32
        local.get $p2
        local.get $l8
        i32.add
        f32.load
        f64.promote_f32
        f64.mul
        f64.add
        local.set $l9
        local.get $l8
        i32.const 4
        i32.add
        local.set $l8
        br $L3
      end
    end
    local.get $l3
    local.get $l4
    f64x2.add
    local.set $l3
    local.get $l3
    f64x2.extract_lane 0
    local.get $l3
    f64x2.extract_lane 1
    f64.add
    local.get $l9
    f64.add)
  (func $sum (type $t42) (param $p0 i32) (param $p1 i32) (result f64)
    (local $l2 v128) (local $l3 v128) (local $l4 v128) (local $l5 v128) (local $l6 i32) (local $l7 i32) (local $l8 f64)
    local.get $p0
    i32.const -4
    i32.and
    i32.const 2
    i32.shl
    local.set $l6
    i32.const 0
    local.set $l7
    block $B0
      loop $L1
        local.get $l7
        local.get $l6
        i32.ge_s
        br_if $B0
        local.get $p1
        local.get $l7
        i32.add
        v128.load align=4
        local.set $l4
        local.get $l2
        local.get $l4
        f64x2.promote_low_f32x4
        f64x2.add
        local.set $l2
        local.get $l3
        local.get $l4
        local.get $l4
        i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
        f64x2.promote_low_f32x4
        f64x2.add
        local.set $l3
        local.get $l7
        i32.const 16
        i32.add
        local.set $l7
        br $L1
      end
    end
    local.get $l6
    local.set $l7
    block $B2
      loop $L3
        local.get $l7
        local.get $p0
        i32.const 2
        i32.shl
        i32.ge_s
        br_if $B2
        local.get $l8
        local.get $p1
        local.get $l7
        i32.add
        f32.load
        f64.promote_f32
        f64.add
        local.set $l8
        local.get $l7
        i32.const 4
        i32.add
        local.set $l7
        br $L3
      end
    end
    local.get $l2
    local.get $l3
    f64x2.add
    local.set $l2
    local.get $l2
    f64x2.extract_lane 0
    local.get $l2
    f64x2.extract_lane 1
    f64.add
    local.get $l8
    f64.add)
  (func $fill (type $t43) (param $p0 i32) (param $p1 f32) (param $p2 i32)
    (local $l3 v128) (local $l4 i32) (local $l5 i32)
    local.get $p1
    f32x4.splat
    local.set $l3
    local.get $p0
    i32.const -4
    i32.and
    i32.const 2
    i32.shl
    local.set $l5
    i32.const 0
    local.set $l4
    block $B0
      loop $L1
        local.get $l4
        local.get $l5
        i32.ge_s
        br_if $B0
        local.get $p2
        local.get $l4
        i32.add
        local.get $l3
        v128.store align=4
        local.get $l4
        i32.const 16
        i32.add
        local.set $l4
        br $L1
      end
    end
    local.get $l5
    local.set $l4
    block $B2
      loop $L3
        local.get $l4
        local.get $p0
        i32.const 2
        i32.shl
        i32.ge_s
        br_if $B2
        local.get $p2
        local.get $l4
        i32.add
        local.get $p1
        f32.store
        local.get $l4
        i32.const 4
        i32.add
        local.set $l4
        br $L3
      end
    end)
  (func $add_row_vector (type $t44) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32)
    (local $l4 i32) (local $l5 i32) (local $l6 i32) (local $l7 i32)
    local.get $p3
    local.set $l7
    i32.const 0
    local.set $l4
    block $B0
      loop $L1
        local.get $l4
        local.get $p0
        i32.ge_s
        br_if $B0
        local.get $p1
        i32.const -4
        i32.and
        i32.const 2
        i32.shl
        local.set $l6
        i32.const 0
        local.set $l5
        block $B2
          loop $L3
            local.get $l5
            local.get $l6
            i32.ge_s
            br_if $B2
            local.get $l7
            local.get $l5
            i32.add
            local.get $l7
            local.get $l5
            i32.add
            v128.load align=4
            local.get $p2
            local.get $l5
            i32.add
            v128.load align=4
            f32x4.add
            v128.store align=4
            local.get $l5
            i32.const 16
            i32.add
            local.set $l5
            br $L3
          end
        end
        local.get $l6
        local.set $l5
        block $B4
          loop $L5
            local.get $l5
            local.get $p1
            i32.const 2
            i32.shl
            i32.ge_s
            br_if $B4
            local.get $l7
            local.get $l5
            i32.add
            local.get $l7
            local.get $l5
            i32.add
            f32.load
            local.get $p2
            local.get $l5
            i32.add
            f32.load
            f32.add
            f32.store
            local.get $l5
            i32.const 4
            i32.add
            local.set $l5
            br $L5
          end
        end
        local.get $l7
        local.get $p1
        i32.const 2
        i32.shl
        i32.add
        local.set $l7
        local.get $l4
        i32.const 1
        i32.add
        local.set $l4
        br $L1
      end
    end)
  (func $relu (type $t45) (param $p0 i32) (param $p1 i32) (param $p2 i32)
    (local $l3 v128) (local $l4 i32) (local $l5 i32)
    local.get $p0
    i32.const -4
    i32.and
    i32.const 2
    i32.shl
    local.set $l5
    i32.const 0
    local.set $l4
    block $B0
      loop $L1
        local.get $l4
        local.get $l5
        i32.ge_s
        br_if $B0
        local.get $p2
        local.get $l4
        i32.add
        local.get $p1
        local.get $l4
        i32.add
        v128.load align=4
        local.get $l3
        f32x4.max
        v128.store align=4
        local.get $l4
        i32.const 16
        i32.add
        local.set $l4
        br $L1
      end
    end
    local.get $l5
    local.set $l4
    block $B2
      loop $L3
        local.get $l4
        local.get $p0
        i32.const 2
        i32.shl
        i32.ge_s
        br_if $B2
        local.get $p2
        local.get $l4
        i32.add
        local.get $p1
        local.get $l4
        i32.add
        f32.load
        f32.const 0x0p+0 (;=0;)
        f32.max
        f32.store
        local.get $l4
        i32.const 4
        i32.add
        local.set $l4
        br $L3
      end
    end)
  (func $relu_backward (type $t46) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32)
    (local $l4 v128) (local $l5 i32) (local $l6 i32)
    local.get $p0
    i32.const -4
    i32.and
    i32.const 2
    i32.shl
    local.set $l6
    i32.const 0
    local.set $l5
    block $B0
      loop $L1
        local.get $l5
        local.get $l6
        i32.ge_s
        br_if $B0
        local.get $p3
        local.get $l5
        i32.add
        local.get $p2
        local.get $l5
        i32.add
        v128.load align=4
        local.get $p1
        local.get $l5
        i32.add
        v128.load align=4
        local.get $l4
        f32x4.gt
        v128.and
        v128.store align=4
        local.get $l5
        i32.const 16
        i32.add
        local.set $l5
        br $L1
      end
    end
    local.get $l6
    local.set $l5
    block $B2
      loop $L3
        local.get $l5
        local.get $p0
        i32.const 2
        i32.shl
        i32.ge_s
        br_if $B2
        local.get $p3
        local.get $l5
        i32.add
        local.get $p2
        local.get $l5
        i32.add
        f32.load
        f32.const 0x0p+0 (;=0;)
        local.get $p1
        local.get $l5
        i32.add
        f32.load
        f32.const 0x0p+0 (;=0;)
        f32.gt
        select
        f32.store
        local.get $l5
        i32.const 4
        i32.add
        local.set $l5
        br $L3
      end
    end)
  (func $add_column_sums (type $t47) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32)
    (local $l4 i32) (local $l5 i32) (local $l6 i32) (local $l7 i32)
    local.get $p2
    local.set $l7
    i32.const 0
    local.set $l4
    block $B0
      loop $L1
        local.get $l4
        local.get $p0
        i32.ge_s
        br_if $B0
        local.get $p1
        i32.const -4
        i32.and
        i32.const 2
        i32.shl
        local.set $l6
        i32.const 0
        local.set $l5
        block $B2
          loop $L3
            local.get $l5
            local.get $l6
            i32.ge_s
            br_if $B2
            local.get $p3
            local.get $l5
            i32.add
            local.get $p3
            local.get $l5
            i32.add
            v128.load align=4
            local.get $l7
            local.get $l5
            i32.add
            v128.load align=4
            f32x4.add
            v128.store align=4
            local.get $l5
            i32.const 16
            i32.add
            local.set $l5
            br $L3
          end
        end
        local.get $l6
        local.set $l5
        block $B4
          loop $L5
            local.get $l5
            local.get $p1
            i32.const 2
            i32.shl
            i32.ge_s
            br_if $B4
            local.get $p3
            local.get $l5
            i32.add
            local.get $p3
            local.get $l5
            i32.add
            f32.load
            local.get $l7
            local.get $l5
            i32.add
            f32.load
            f32.add
            f32.store
            local.get $l5
            i32.const 4
            i32.add
            local.set $l5
            br $L5
          end
        end
        local.get $l7
        local.get $p1
        i32.const 2
        i32.shl
        i32.add
        local.set $l7
        local.get $l4
        i32.const 1
        i32.add
        local.set $l4
        br $L1
      end
    end)
  (export "gemm_wide" (func $gemm_wide))
  (export "gemm_narrow" (func $gemm_narrow))
  (export "axpby" (func $axpby))
  (export "dot" (func $dot))
  (export "sum" (func $sum))
  (export "fill" (func $fill))
  (export "add_row_vector" (func $add_row_vector))
  (export "relu" (func $relu))
  (export "relu_backward" (func $relu_backward))
  (export "add_column_sums" (func $add_column_sums)))
