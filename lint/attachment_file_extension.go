package lint

import (
	pathpkg "path"
	"slices"
	"strings"
)

// attachmentTypes are the file types Braze documents for email attachments.
var attachmentTypes = strings.Fields(`txt csv log css ics jpg jpe jpeg gif png bmp psd tif tiff svg
	indd ai eps doc docx rtf odt ott pdf pub pages mobi epub mp3 m4a m4v wma ogg flac wav aif aifc
	aiff mp4 mov avi mkv mpeg mpg wmv xls xlsx ods numbers odp ppt pptx pps key zip vcf pkpass`)

var AttachmentFileExtension = &Rule{
	ID: "attachment-file-extension", severity: Warning,
	Title: "an attachment's file_name includes its extension",
	Doc: `file_name is the attachment's name without extension: Braze takes the extension from the url,
which should answer with the right Content-Type. A name such as receipt.pdf is documented
against, though Braze's own basic-auth example uses one, so this is a warning (INC-18).`,
	Spec:  []string{"TS-43", "OBJ-EMAIL-12", "OBJ-EMAIL-14", "INC-18", "EX-17"},
	needs: []string{"attachments", "messages.email"},
	Check: func(p *Pass) {
		attachmentLists(p, func(path []any, list Value) {
			for i, a := range list.Elements() {
				name, _ := a.Get("file_name").Str()
				ext := strings.ToLower(strings.TrimPrefix(pathpkg.Ext(name), "."))
				if ext != "" && len(ext) < len(name)-1 && slices.Contains(attachmentTypes, ext) {
					at := append(path[:len(path):len(path)], i, "file_name")
					p.Report(ValueAt(Pointer(at...)), Path(at...)+" includes a file extension: drop it, Braze takes the type from the url")
				}
			}
		})
	},
}
