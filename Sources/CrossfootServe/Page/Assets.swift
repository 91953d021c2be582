import Crossfoot

/// The pages' style and scripts, served from the same origin so that the Content-Security-Policy
/// needs nothing but `'self'`.
enum Assets {
    static func file(_ name: String) -> (type: String, body: String)? {
        switch name {
        case "crossfoot.css": ("text/css; charset=utf-8", FindingsHTML.style + "\n" + style)
        case "report.js": ("text/javascript; charset=utf-8", FindingsHTML.script)
        case "serve.js": ("text/javascript; charset=utf-8", script)
        default: nil
        }
    }

    static let style = """
        nav.top{display:flex;gap:1rem;margin-bottom:.5rem}nav.top a{color:var(--info)}
        .upload .drop{border:2px dashed var(--line);border-radius:8px;padding:1rem 1.2rem;background:#f6f8fa}
        .upload .drop.over{border-color:var(--info);background:#e8f0fe}.hint{color:var(--muted);font-size:.85rem}
        button{font:inherit;padding:.35rem 1.2rem;border-radius:6px;border:1px solid var(--info);background:var(--info);color:#fff;cursor:pointer}
        .problems{border:1px solid var(--error);border-radius:6px;padding:.2rem 1rem;background:#fdf0ef}.problems h2{border:0;margin-top:.5rem}
        .file-error{color:var(--error)}.files td{vertical-align:top}
        a.download{display:inline-block;margin-right:.6rem;padding:.2rem .7rem;border:1px solid var(--line);border-radius:4px;text-decoration:none;color:var(--info)}
        .data-wrap{overflow:auto;max-height:80vh;border:1px solid var(--line);margin-bottom:1rem}
        table.data,table.lines{font-size:.8rem}table.data td,table.data th{white-space:nowrap}table.data th{position:sticky;top:0;background:#f6f8fa}
        td.line,table.lines th{color:var(--muted);text-align:right}
        table.data td.flagged{background:var(--hit);outline:2px solid var(--warning);position:relative;cursor:pointer}
        td.flagged.sev-error{outline-color:var(--error)}td.flagged .value{font-weight:700}
        td.flagged .count{margin-left:.4rem;font-size:.7rem;color:var(--muted)}
        table.data td.flagged:target,table.data td.flagged.focused{outline:3px solid var(--info);box-shadow:0 0 0 6px #c2d7fb}
        .cell-findings{display:none;position:absolute;z-index:5;top:100%;left:0;width:30rem;margin:.3rem 0 0;padding:.4rem .6rem .4rem 1.4rem;background:#fff;border:1px solid var(--line);border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.15);white-space:normal;font-size:.75rem}
        td.flagged:target .cell-findings,td.flagged.focused .cell-findings,td.flagged:hover .cell-findings,td.flagged:focus .cell-findings{display:block}
        .cell-findings .badge{font-size:.65rem}
        .cell-findings .expectation{color:var(--muted)}mark{background:var(--hit);outline:1px solid var(--warning)}
        pre{white-space:pre-wrap;background:#f6f8fa;padding:.6rem;border-radius:6px;font-size:.8rem}
        """

    /// Drag and drop onto the upload form (it submits the form the same way the button does),
    /// and a finding's link brings its cell into view and marks it.
    static let script = """
        (function(){
          var form=document.getElementById('upload');var zone=document.getElementById('drop');var input=document.getElementById('files');
          if(form&&zone&&input){
            ['dragenter','dragover'].forEach(function(t){document.addEventListener(t,function(e){e.preventDefault();zone.classList.add('over')})});
            ['dragleave','drop'].forEach(function(t){document.addEventListener(t,function(e){e.preventDefault();if(t==='dragleave'&&e.relatedTarget)return;zone.classList.remove('over')})});
            document.addEventListener('drop',function(e){if(!e.dataTransfer||!e.dataTransfer.files.length)return;input.files=e.dataTransfer.files;form.submit()});
          }
          function focus(){var id=decodeURIComponent(location.hash.slice(1));if(!id)return;var cell=document.getElementById(id);if(!cell)return;
            Array.prototype.forEach.call(document.querySelectorAll('.focused'),function(c){c.classList.remove('focused')});
            cell.classList.add('focused');cell.scrollIntoView({block:'center',inline:'center'})}
          window.addEventListener('hashchange',focus);focus();
          document.documentElement.setAttribute('data-serve-ready','true');
        })();
        """
}
