#!/usr/bin/python3
"""Write a tiny HDF5 file whose NXdata signal and 2θ axis declare 2 x 40,000,000 and 40,000,000 float64 values
(640 + 320 MB) that were never written: HDF5 returns its fill value for them, so the file is 8 kB. The HDF5 reader
must refuse it by its declared size before reading (the archive cap), as it would a zip bomb.

usage: /usr/bin/python3 scripts/make-h5-bomb.py [OUT.h5]   (default test/fixtures/xrd/generated/declared-960MB.h5)
Needs Debian's python3-h5py. Written without modification times, so the output is reproducible.
"""
import sys

import h5py
import numpy as np  # noqa: F401 (h5py needs it)

out = sys.argv[1] if len(sys.argv) > 1 else 'test/fixtures/xrd/generated/declared-960MB.h5'
bins = 40_000_000
with h5py.File(out, 'w', track_order=True) as f:
    entry = f.create_group('entry')
    entry.attrs['NX_class'] = 'NXentry'
    entry.attrs['default'] = 'data'
    data = entry.create_group('data')
    data.attrs['NX_class'] = 'NXdata'
    data.attrs['signal'] = 'intensity'
    data.attrs['axes'] = ['t', '2th']
    data.create_dataset('intensity', shape=(2, bins), dtype='f8', chunks=(1, 1 << 20), compression='gzip', track_times=False)
    data.create_dataset('2th', shape=(bins,), dtype='f8', chunks=(1 << 20,), compression='gzip', track_times=False)
    data.create_dataset('t', data=np.array([0.0, 30.0]), track_times=False)
