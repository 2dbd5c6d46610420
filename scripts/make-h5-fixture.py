#!/usr/bin/python3
"""Write a small pyFAI-style NeXus/HDF5 stack of integrated patterns for the HDF5 reader's tests.

usage: /usr/bin/python3 scripts/make-h5-fixture.py [SRC_DIR] [OUT.h5] [FRAMES]
  SRC_DIR defaults to ../shared/fixtures/simulated/sxrd-fe2o3-700C (the project's simulated 30-s sequence, model v2),
  OUT.h5  defaults to test/fixtures/xrd/generated/sxrd-fe2o3-700C_5frames.h5, FRAMES to 5.

Needs Debian's python3-h5py and python3-numpy (apt-get install -y python3-h5py). Layout (as pyFAI's multi-frame
integration writes it: an NXentry with an NXprocess holding an NXdata whose signal is frames x bins):

  /entry_0000                     NXentry, default = integrate/integrated
     start_time                   ISO 8601 string
     instrument/monochromator     NXinstrument / NXmonochromator
        wavelength                float64, units = "m"   (pyFAI keeps the wavelength in metres)
     integrate                    NXprocess (program = pyFAI)
        configuration             NXnote, data = JSON text of the integration set-up
        integrated                NXdata, signal = "intensity", axes = ["t", "2th"]
           intensity              float64 (frames, bins), interpretation = "spectrum"
           intensity_errors       float64 (frames, bins), sqrt(I)
           2th                    float64 (bins), units = "deg", long_name = "2theta (deg)"
           t                      float64 (frames), units = "s"  (elapsed time of each frame)

Datasets are written without modification times, so the output is byte-for-byte reproducible. The numbers are exactly those of the first FRAMES .xy files (parsed by numpy), so a test can compare the HDF5
reader with the text reader. Frame times are i * 30 s, as the simulated sequence's truth.json states.
"""
import glob
import json
import os
import sys

import h5py
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "fixtures", "simulated", "sxrd-fe2o3-700C")
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "test", "fixtures", "xrd", "generated", "sxrd-fe2o3-700C_5frames.h5")
nframes = int(sys.argv[3]) if len(sys.argv) > 3 else 5

files = sorted(glob.glob(os.path.join(src, "*.xy")))[:nframes]
if len(files) < nframes:
    sys.exit(f"only {len(files)} .xy files in {src}")
data = [np.loadtxt(f, comments="#") for f in files]
tth = data[0][:, 0]
intensity = np.array([d[:, 1] for d in data], dtype=np.float64)
wavelength_m = None
for line in open(files[0]):
    if line.startswith("# Wavelength:"):
        wavelength_m = float(line.split(":", 1)[1].split()[0])
times = np.arange(nframes, dtype=np.float64) * 30.0


def group(parent, name):
    """A group without modification times (h5py's create_group records them), links in creation order."""
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_obj_track_times(False)
    gcpl.set_link_creation_order(h5py.h5p.CRT_ORDER_TRACKED | h5py.h5p.CRT_ORDER_INDEXED)
    return h5py.Group(h5py.h5g.create(parent.id, name.encode(), gcpl=gcpl))


os.makedirs(os.path.dirname(out), exist_ok=True)
# the root group without modification times and with links in creation order, as the groups below
fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
fcpl.set_obj_track_times(False)
fcpl.set_link_creation_order(h5py.h5p.CRT_ORDER_TRACKED | h5py.h5p.CRT_ORDER_INDEXED)
with h5py.File(h5py.h5f.create(out.encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl)) as h:
    h.attrs["NX_class"] = "NXroot"
    h.attrs["creator"] = "ReductionLab scripts/make-h5-fixture.py"
    h.attrs["default"] = "entry_0000"
    e = group(h, "entry_0000")
    e.attrs["NX_class"] = "NXentry"
    e.attrs["default"] = "integrate/integrated"
    e.create_dataset("start_time", data="2026-01-01T10:00:00+00:00", track_times=False)
    e.create_dataset("title", data="simulated Fe2O3 reduction at 700 C (project-made), first %d frames" % nframes, track_times=False)
    inst = group(e, "instrument")
    inst.attrs["NX_class"] = "NXinstrument"
    mono = group(inst, "monochromator")
    mono.attrs["NX_class"] = "NXmonochromator"
    wl = mono.create_dataset("wavelength", data=np.float64(wavelength_m), track_times=False)
    wl.attrs["units"] = "m"
    proc = group(e, "integrate")
    proc.attrs["NX_class"] = "NXprocess"
    proc.create_dataset("program", data="pyFAI", track_times=False)
    conf = group(proc, "configuration")
    conf.attrs["NX_class"] = "NXnote"
    conf.create_dataset("type", data="text/json", track_times=False)
    conf.create_dataset("data", data=json.dumps({"unit": "2th_deg", "npt": int(tth.size), "wavelength": wavelength_m, "dist": 1.7}), track_times=False)
    nx = group(proc, "integrated")
    nx.attrs["NX_class"] = "NXdata"
    nx.attrs["signal"] = "intensity"
    nx.attrs["axes"] = np.array(["t", "2th"], dtype=h5py.string_dtype())
    ds = nx.create_dataset("intensity", data=intensity, track_times=False)
    ds.attrs["interpretation"] = "spectrum"
    nx.create_dataset("intensity_errors", data=np.sqrt(np.maximum(intensity, 0)), track_times=False)
    ax = nx.create_dataset("2th", data=tth, track_times=False)
    ax.attrs["units"] = "deg"
    ax.attrs["long_name"] = "2theta (deg)"
    tt = nx.create_dataset("t", data=times, track_times=False)
    tt.attrs["units"] = "s"
print(f"wrote {out}: {nframes} frames x {tth.size} bins, wavelength {wavelength_m} m")
