// The generator's built-in vocabulary: the 26 domains of the county notice
// with their lead units, and a small set of sentences, headings and titles in
// the register of county publications. Used for any pool the sources leave
// empty, so `gongkai bench gen` works with no source file at all. Written for
// this project (plain, generic administrative phrasing).
#include "bench_gen_vocab.h"

#include <string_view>

namespace gongkai::benchgen {

namespace {

struct DomainLead {
    std::string_view domain;
    std::string_view unitSuffix;  // appended to the county name
    std::string_view docPrefix;   // appended to the county's first character
};

// Order and lead units as the county notice assigns them.
constexpr DomainLead kDomains[kDomainCount] = {
    {"重大建设项目", "发展和改革委员会", "发改"}, {"公共资源交易", "人民政府办公室", "政办"},
    {"义务教育", "教育局", "教"},                {"户籍管理", "公安局", "公"},
    {"社会救助", "民政局", "民"},                {"养老服务", "民政局", "民"},
    {"公共法律服务", "司法局", "司"},            {"财政预决算", "财政局", "财"},
    {"就业", "人力资源和社会保障局", "人社"},    {"社会保险", "人力资源和社会保障局", "人社"},
    {"城乡规划", "自然资源局", "自然资"},        {"农村集体土地征收", "自然资源局", "自然资"},
    {"生态环境", "生态环境局", "环"},            {"保障性住房", "住房和城乡建设局", "建"},
    {"国有土地上房屋征收", "住房和城乡建设局", "建"}, {"农村危房改造", "住房和城乡建设局", "建"},
    {"市政服务", "城市管理局", "城管"},          {"城市综合执法", "城市管理局", "城管"},
    {"涉农补贴", "农业农村局", "农"},            {"公共文化服务", "文化广电旅游体育局", "文旅"},
    {"卫生健康", "卫生健康委员会", "卫健"},      {"安全生产", "应急管理局", "应急"},
    {"救灾", "应急管理局", "应急"},              {"食品药品监管", "市场监督管理局", "市监"},
    {"税收管理", "税务局", "税"},                {"扶贫", "扶贫开发办公室", "扶贫"},
};

const std::vector<std::string> kParagraphs = {
    "为进一步做好政务公开工作，切实保障人民群众的知情权、参与权、表达权和监督权，结合我县实际，制定本方案。",
    "各乡镇、各部门要高度重视，加强组织领导，明确责任分工，确保各项工作任务落到实处。",
    "坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
    "县政府办公室负责统筹协调全县政务公开工作，各责任单位按照职责分工抓好落实。",
    "对群众反映强烈的问题，要及时回应社会关切，主动发布权威信息。",
    "各单位要在每季度结束后五个工作日内将工作进展情况报送县政务公开办公室。",
    "严格落实保密审查制度，做到应公开尽公开，防止泄露国家秘密和个人隐私。",
    "资金实行专款专用，任何单位和个人不得截留、挤占、挪用。",
    "加强对项目实施全过程的监督管理，确保工程质量和资金安全。",
    "申请人对审核结果有异议的，可以自收到通知之日起十五日内向县民政局申请复核。",
    "各乡镇要建立健全工作台账，做到底数清、情况明、措施实。",
    "本通知自印发之日起施行，有效期五年。",
    "县财政局会同有关部门对资金使用情况开展绩效评价，评价结果作为下一年度资金安排的重要依据。",
    "各责任单位要按照公开标准目录的要求，及时准确更新发布相关信息。",
    "通过政府网站、政务新媒体、便民服务中心、政府信息查阅点等渠道向社会公开。",
    "对工作推进不力、造成不良影响的，依规依纪严肃追究相关人员责任。",
    "全县共完成改造任务一千二百余户，群众满意度明显提升。",
    "进一步优化办事流程，压缩办理时限，推行一次告知、一表申请、一窗受理。",
    "加大宣传力度，充分利用广播、电视、网络等媒体，营造全社会共同参与的良好氛围。",
    "乡镇人民政府负责本辖区内的组织实施工作，村民委员会协助做好信息采集和公示。",
    "公示期满无异议的，按程序报批；有异议的，由县级主管部门调查核实后作出处理。",
    "坚持属地管理、分级负责，谁主管、谁负责的原则。",
    "建立定期调度和通报制度，每月对各乡镇工作进展情况进行通报。",
    "对符合条件的困难群众，做到应保尽保、应救尽救。",
    "项目建设单位应当在开工前依法办理用地、规划、施工许可等手续。",
    "本办法由县人民政府负责解释。",
};

const std::vector<std::string> kArticles = {
    "为了规范本县相关管理工作，保障公民、法人和其他组织的合法权益，根据有关法律、法规的规定，结合本县实际，制定本办法。",
    "本办法适用于本县行政区域内的相关管理活动。",
    "县人民政府有关部门按照各自职责，做好相关工作。",
    "乡镇人民政府应当配合做好本辖区内的相关工作。",
    "任何单位和个人都有权对违反本办法的行为进行投诉和举报。",
    "违反本办法规定的，由有关主管部门责令改正；情节严重的，依法给予处分。",
    "行政机关及其工作人员在管理工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。",
    "本办法自发布之日起施行。",
};

const std::vector<std::string> kHeadings = {
    "总体要求", "工作目标", "主要任务", "重点工作", "实施步骤", "保障措施", "工作要求",
    "基本原则", "组织领导", "资金管理", "监督检查", "起草背景", "主要内容", "适用范围",
};

const std::vector<std::string> kChapters = {"总则", "规划与建设", "管理与服务", "监督检查", "法律责任", "附则"};

const std::vector<std::string> kSubjects = {
    "进一步加强政务公开工作", "做好农村危房改造工作", "印发政府信息公开工作要点", "加强城乡最低生活保障管理",
    "开展安全生产大检查", "做好困难群众基本生活保障工作", "推进城乡居民养老保险工作", "加强义务教育阶段学校管理",
    "做好防汛抗旱工作", "规范公共资源交易活动", "加强食品安全监督管理", "调整城乡居民医疗保险缴费标准",
};

const std::vector<LawTitle> kLawTitles = {
    {"城乡居民最低生活保障管理办法", ""}, {"政府信息公开工作考核办法", ""}, {"农村危房改造补助资金管理办法", ""},
    {"国有土地上房屋征收与补偿实施办法", ""}, {"公共资源交易管理办法", ""}, {"城市市容和环境卫生管理规定", ""},
};

const std::vector<std::string> kSalutations = {
    "各乡镇人民政府，县人民政府各部门：", "各乡镇人民政府，县直各单位：", "各乡镇、各有关单位：",
};

const std::vector<std::string> kTopics = {
    "综合政务\\政务公开", "财政、金融、审计\\财政", "民政、扶贫、救灾\\社会救助", "城乡建设、环境保护\\城乡建设",
    "科技、教育\\教育", "卫生、体育\\卫生", "劳动、人事、监察\\劳动就业", "农业、林业、水利\\农业",
};

const std::vector<std::string> kTownships = {"城关镇", "东关镇", "西湖乡", "南河镇", "北坡乡", "柳营乡"};

// Adds the built-in items when the sources gave fewer than `minimum`: a
// handful of learned paragraphs alone would repeat in every document.
template <class T>
void topUp(std::vector<T>& pool, const std::vector<T>& builtin, std::size_t minimum) {
    if (pool.size() < minimum) pool.insert(pool.end(), builtin.begin(), builtin.end());
}

std::string firstCharacter(std::string_view s) {
    std::size_t len = 1;
    while (len < s.size() && (static_cast<unsigned char>(s[len]) & 0xC0) == 0x80) ++len;
    return std::string(s.substr(0, len));
}

}  // namespace

void addBuiltinVocabulary(Vocabulary& vocab) {
    for (int i = 0; i < kDomainCount; ++i) vocab.domainNames[static_cast<std::size_t>(i)] = kDomains[i].domain;
    topUp(vocab.paragraphs, kParagraphs, 200);
    topUp(vocab.articles, kArticles, 100);
    topUp(vocab.headings, kHeadings, 30);
    topUp(vocab.chapters, kChapters, 10);
    topUp(vocab.subjects, kSubjects, 100);
    topUp(vocab.lawTitles, kLawTitles, 1);
    topUp(vocab.salutations, kSalutations, 1);
    topUp(vocab.topics, kTopics, 5);
    topUp(vocab.townships, kTownships, 1);
    if (vocab.indexPrefixes.empty()) vocab.indexPrefixes = {"114107220", "114107221", "004410731"};
    // A lead unit for every domain the sources did not give an issuer for.
    const std::string initial = firstCharacter(vocab.county);
    for (int i = 0; i < kDomainCount; ++i) {
        bool covered = false;
        for (const auto& issuer : vocab.issuers) covered = covered || issuer.domain == i + 1;
        if (covered) continue;
        vocab.issuers.push_back(Issuer{vocab.county + std::string(kDomains[i].unitSuffix),
                                       initial + std::string(kDomains[i].docPrefix), i + 1});
    }
    bool general = false;
    for (const auto& issuer : vocab.issuers) general = general || issuer.domain == 0;
    if (!general) vocab.issuers.push_back(Issuer{vocab.county + "人民政府", initial + "政", 0});
    if (vocab.higherIssuers.empty()) {
        vocab.higherIssuers = {{"国务院", "国发", 0}, {"国务院办公厅", "国办发", 0}};
    }
}

}  // namespace gongkai::benchgen
