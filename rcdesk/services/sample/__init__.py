"""The sample workshop (a hospital discharge process), built from resources/sample/.

build.py adds the workshop and its map; one module beside it per part of the sample
(agenda, captures, gaps, pulse, structures). Their rows are written by store/sample.py.
`from rcdesk.services.sample import build_sample` keeps working here.
"""

from rcdesk.services.sample.build import SAMPLE_FILE, build_sample, load_sample_data

__all__ = ["SAMPLE_FILE", "build_sample", "load_sample_data"]
