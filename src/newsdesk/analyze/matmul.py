"""The spaCy pipelines' matrix products through numpy's BLAS, one thread per process.

thinc's CPU ops multiply with blis. numpy ships OpenBLAS, which does the same products (the
embedding and hidden layers of tok2vec and of the parser's and NER's own models) in about a third
of blis's CPU time on the machines newsdesk was measured on; the parse as a whole costs about a
third less (``benchmarks/profile.py --gemm`` times both on the same texts). The products are the
same sums in a different order, so a float may differ in its last bits: every quality benchmark
gave the same figures with either (``benchmarks/quality.py --compare``).

newsdesk runs in parallel with processes, each parsing its own documents, so each process keeps
BLAS to one thread: more would only make the workers take each other's cores.
"""

from __future__ import annotations

from spacy.language import Language
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

# One instance for every layer: the ops hold no state of a document.
_OPS = NumpyOps(use_blis=False)


def multiply_with_numpy(nlp: Language) -> int:
    """Make every layer of ``nlp`` that multiplies with blis multiply with numpy instead.

    Returns the number of layers changed. BLAS is kept to one thread in this process from now
    on. The spaCy parser's and NER's transition loop keeps its own blis products (compiled in).
    """
    threadpool_limits(limits=1, user_api="blas")
    changed = 0
    for _, pipe in nlp.components:
        model = getattr(pipe, "model", None)
        if not isinstance(model, Model):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps) and node.ops.use_blis:
                node.ops = _OPS
                changed += 1
    return changed
