;;; eglot-diagnostics.el --- Opens a plan in Emacs with eglot and `plan43 lsp --stdio', waits for its diagnostics and writes them as JSON.  -*- lexical-binding: t; -*-

;; Run as: emacs --batch -l eglot-diagnostics.el, with
;;   PLAN43_BIN      the plan43 command
;;   PLAN43_PLAN     the plan to open
;;   PLAN43_OUT      where to write the JSON
;;   PLAN43_WAIT_MS  how long to wait for the diagnostics before giving up
;; The configuration is the one docs/editors.md gives (eglot-server-programs, the workspace
;; configuration, eglot-ensure from the modes' hooks), with the plan43 command of the test.
;; The JSON holds what Flymake shows (line, UTF-16 column, code, severity, message), what the
;; server published, the server's name, and the versions of Emacs and eglot.

(require 'json)
(require 'eglot)
(require 'markdown-mode)
(require 'yaml-mode)

(defvar plan43-bin (getenv "PLAN43_BIN"))
(defvar plan43-plan (getenv "PLAN43_PLAN"))
(defvar plan43-out (getenv "PLAN43_OUT"))
(defvar plan43-wait (/ (string-to-number (or (getenv "PLAN43_WAIT_MS") "60000")) 1000.0))

(defun plan43-finish (result)
  "Write RESULT as JSON and leave Emacs."
  (with-temp-file plan43-out
    (insert (json-encode result)))
  (kill-emacs 0))

(defun plan43-eglot-version ()
  "The version in eglot's own header, whichever way it was installed."
  (require 'lisp-mnt)
  (let ((file (locate-library "eglot.el")))
    (or (and file (with-temp-buffer (insert-file-contents file) (lm-version))) "")))

;; As docs/editors.md says, with the command of the installed package.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `(((markdown-mode :language-id "markdown")
                  (gfm-mode :language-id "markdown")
                  (yaml-mode :language-id "yaml"))
                 . (,plan43-bin "lsp" "--stdio"))))
(setq-default eglot-workspace-configuration
              '(:plan43 (:language "vi" :submissionMode :json-false)))
(add-hook 'markdown-mode-hook #'eglot-ensure)
(add-hook 'yaml-mode-hook #'eglot-ensure)
;; No questions in batch mode, no writing of a session's files.
(setq eglot-autoshutdown t
      make-backup-files nil
      create-lockfiles nil)

;; Keep what the server published for the plan, as it arrived.
(defvar plan43-published nil)
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (when (string-suffix-p (file-name-nondirectory plan43-plan) (url-unhex-string uri))
    (setq plan43-published diagnostics)))

(condition-case err
    (progn
      (find-file plan43-plan)
      ;; eglot-ensure connects after the command that opened the file; batch mode runs no
      ;; command loop, so its end is played here.
      (run-hooks 'post-command-hook)
      (let ((deadline (+ (float-time) plan43-wait)))
        ;; Not a limit on the server: a guard so that a broken set-up ends instead of hanging.
        (while (and (null plan43-published) (< (float-time) deadline))
          (accept-process-output nil 0.05))
        (unless plan43-published
          (plan43-finish `((error . ,(format "no diagnostics were published for %s (eglot: %s)"
                                             plan43-plan (eglot-current-server))))))
        ;; Flymake shows them once its check, started by eglot, has run.
        (flymake-start)
        (while (and (< (length (flymake-diagnostics)) (length plan43-published))
                    (< (float-time) deadline))
          (accept-process-output nil 0.05)))
      (let* ((server (eglot-current-server))
             (info (and server (eglot--server-info server)))
             (shown
              (mapcar
               (lambda (d)
                 (let* ((beg (flymake-diagnostic-beg d))
                        (line (1- (line-number-at-pos beg)))
                        (column (save-excursion
                                  (goto-char beg)
                                  ;; UTF-16 code units from the line's start, as LSP counts.
                                  (/ (- (length (encode-coding-string
                                                 (buffer-substring-no-properties (line-beginning-position) beg)
                                                 'utf-16le))
                                        0)
                                     2)))
                        (data (flymake-diagnostic-data d))
                        (lsp (and (consp data) (cdr (assq 'eglot-lsp-diag data))))
                        (text (flymake-diagnostic-text d)))
                   `((line . ,line)
                     (character . ,column)
                     (type . ,(symbol-name (flymake-diagnostic-type d)))
                     (code . ,(and lsp (plist-get lsp :code)))
                     (severity . ,(and lsp (plist-get lsp :severity)))
                     (text . ,text))))
               (flymake-diagnostics))))
        (plan43-finish
         `((serverName . ,(and info (plist-get info :name)))
           (emacs . ,emacs-version)
           (eglot . ,(plan43-eglot-version))
           (shown . ,(vconcat shown))
           (published . ,(vconcat
                          (mapcar (lambda (d)
                                    (let ((start (plist-get (plist-get d :range) :start)))
                                      `((code . ,(plist-get d :code))
                                        (line . ,(plist-get start :line))
                                        (character . ,(plist-get start :character))
                                        (severity . ,(plist-get d :severity))
                                        (message . ,(plist-get d :message)))))
                                  plan43-published)))))))
  (error (plan43-finish `((error . ,(error-message-string err))))))

;;; eglot-diagnostics.el ends here
